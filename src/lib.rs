//! tandem: the static site generator of the Let's Connect resource centre.
//!
//! The pipeline, one module per stage, each returning its own type:
//!
//! 1. [`content`] (load): `content/` → [`content::RawSite`]
//! 2. [`check`]: `RawSite` → [`site::Site`], or every [`diagnostic::Diagnostic`]
//! 3. [`render`]: `Site` → [`render::RenderedSite`] (files in memory)
//! 4. [`output`] (write): `RenderedSite` → the output folder, atomically
//!
//! [`build`] runs them in order; `cmd` holds the command-line front ends.

#![warn(missing_docs, unreachable_pub)]

pub mod build;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod gettext;
pub mod i18n;
pub mod incremental;
pub mod output;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod vocab;
