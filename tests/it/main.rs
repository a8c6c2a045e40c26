//! Integration tests: whole sites built from fixture folders, checked by
//! what a visitor sees, and the exact error text an editor sees.

mod boundary;
#[allow(dead_code)]
mod cases;
mod check_errors;
mod directory;
mod fuzz;
mod gettext_files;
mod hostile;
mod i18n;
mod links;
mod media;
mod output;
mod po;
mod po_update;
mod schema;
mod search;
mod serve;
mod site;
mod support;
