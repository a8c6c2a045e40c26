//! What the pages of one language make once and share, kept while that
//! language renders: each clinic's card ([`CardCache`]), each clinic's
//! context between its page and its summary ([`SharedPages`]), and what the
//! layout is on every page ([`LayoutCache`]). Containers only: the
//! builders that fill them are in [`super::cards`], [`super::clinic`] and
//! [`super::layout`].

use std::sync::{Mutex, OnceLock};

use super::model::{ClinicCard, NavItem, SharedPage};
use crate::edition::urls::Route;

/// Each clinic's card as template values, made the first time a page of
/// this language shows it: a clinic is on several list pages, and a copy of
/// a value is a reference count.
pub struct CardCache(pub(super) Vec<CachedCard>);

/// One clinic's card, once made.
#[derive(Default)]
pub(super) struct CachedCard {
    /// The card, which its page shows too.
    pub(super) card: OnceLock<ClinicCard>,
    /// Its fields as a template value.
    pub(super) fields: OnceLock<tera::Value>,
    /// The fields and `html`, by `CardHeading`.
    pub(super) listed: [OnceLock<tera::Value>; 2],
}

impl CardCache {
    /// An empty cache for `clinics` clinics.
    pub fn new(clinics: usize) -> Self {
        CardCache((0..clinics).map(|_| CachedCard::default()).collect())
    }
}

/// Each clinic's [`SharedPage`] in one language, from when the first of its
/// two pages makes it until the second takes it.
pub struct SharedPages(pub(super) Vec<Mutex<Slot>>);

/// A clinic's shared context: not made yet, made, or taken by its second page.
#[derive(Default)]
pub(super) enum Slot {
    #[default]
    Empty,
    Made(SharedPage),
    Taken,
}

impl SharedPages {
    /// No shared pages yet, for `clinics` clinics.
    pub fn new(clinics: usize) -> Self {
        SharedPages((0..clinics).map(|_| Mutex::new(Slot::Empty)).collect())
    }
}

/// The layout of a language, as far as it is the same on every page.
#[derive(Default)]
pub struct LayoutCache(pub(super) OnceLock<Fixed>);

/// What [`LayoutCache`] holds once made.
pub(super) struct Fixed {
    /// `lang`, `dir`, `site_title`, and the links to the home page, the
    /// script, the icon and the feeds.
    pub(super) values: Vec<(&'static str, tera::Value)>,
    /// The navigation's entries, none of them current.
    pub(super) nav: Vec<(NavItem, Route)>,
    /// The navigation made, by which of its entries are current (a
    /// language has one per section, so this stays short).
    pub(super) nav_values: Mutex<Vec<(Vec<bool>, Nav)>>,
}

/// The navigation of a page, as the layout gives it.
#[derive(Clone)]
pub(super) struct Nav {
    /// Its entries (`layout.nav`).
    pub(super) entries: tera::Value,
    /// The theme's `nav.html` made with them (`layout.nav_html`): made
    /// once per language and section, not once per page (writing it on
    /// every page was an eighth of the template engine's instructions).
    pub(super) html: tera::Value,
}
