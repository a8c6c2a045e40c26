//! tandem: the static site generator of the Let's Connect resource centre.
//!
//! The pipeline, one module per stage, each returning its own type:
//!
//! 1. [`content`] (load): `content/` → [`content::RawSite`]
//! 2. [`check`]: `RawSite` → [`check::Checked`] (the [`site::Site`]), or every
//!    [`diagnostic::Diagnostic`]
//! 3. [`search`] (index): `Site` → [`search::Indexed`] (the search files, and
//!    each language's manifest)
//! 4. [`render`]: `Site` and the manifests → every page, feed and asset, handed
//!    to the write stage as it is made ([`render::Sink`])
//! 5. [`output`] (write): the files → the output folder, atomically
//!
//! Index and render read the site through [`edition`], a leaf: each
//! language's links, interface strings and date format, and the links
//! between records.
//! [`build`] runs them in order; `cmd` holds the command-line front ends.

#![warn(missing_docs, unreachable_pub)]

pub mod build;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod edition;
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
