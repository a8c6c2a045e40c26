//! The view types pages share, as templates see them: links, badges, facts,
//! pagers, a clinic's card, a clinic's shared context and a navigation
//! entry. Plain values, every label translated and every URL built: a leaf
//! that the caches ([`super::caches`]) and the builders use alike.

use serde::Serialize;

use super::text::Text;

/// Links between the pages of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// `Page 2 of 5`, for the navigation's name.
    pub name: String,
    /// `Page 2 of 5`, as the page shows it.
    pub label: Text,
    /// `Previous`.
    pub label_previous: Text,
    /// `Next`.
    pub label_next: Text,
    /// The previous page.
    pub previous: Option<String>,
    /// The next page.
    pub next: Option<String>,
}

/// A label and where it leads.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// What the link says.
    pub label: Text,
    /// Where it goes.
    pub url: String,
}

/// A level badge.
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    /// `newcomer` or `experienced` (for styling).
    pub level: &'static str,
    /// The translated label.
    pub label: Text,
    /// The level's page.
    pub url: String,
}

/// A label and a value, for the facts lists of clinics and sharers.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// What it is.
    pub label: Text,
    /// Its value.
    pub value: Text,
}

/// A clinic in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ClinicCard {
    /// Its title, in this language or marked with the source's.
    pub title: Text,
    /// Its page.
    pub url: String,
    /// Date and time in UTC, the short form.
    pub when: String,
    /// Start, ISO 8601 in UTC.
    pub when_iso: String,
    /// Length in minutes (the browser's script shows the end in local time).
    pub minutes: u32,
    /// The month and the day of the start in UTC, for the date badge.
    pub month: String,
    /// The day.
    pub day: String,
    /// Learning Clinic, Connectathon...
    pub format: Text,
    /// `clinic`, `connectathon`... (for styling).
    pub kind: String,
    /// Level badges.
    pub levels: Vec<Badge>,
    /// The bite-size summary.
    pub summary: Text,
    /// "Add to calendar", while the session is upcoming.
    pub event: Option<LinkView>,
}

/// A clinic's context, as a template value, with what the layout of its
/// page and its summary take from it.
#[derive(Clone)]
pub struct SharedPage {
    /// The clinic page's context with an empty body.
    pub value: tera::Value,
    /// The title, as shown.
    pub title: Text,
    /// The summary, as shown.
    pub summary: String,
    /// The clinic's page.
    pub url: String,
}

/// An entry of the main navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// What it says.
    pub label: Text,
    /// Where it goes.
    pub url: String,
    /// True on the page it leads to (or within its section).
    pub current: bool,
    /// True for a free page (`menu:` in its front matter), which the theme
    /// may group apart from the site's sections.
    pub page: bool,
}
