//! What each page kind's builder returns ([`Parts`]), and the small helpers
//! they share.

use serde::Serialize;

use crate::edition::urls::Route;

use super::ctx::Ctx;
use super::model::LinkView;
use super::text::Text;

/// What a page kind contributes to its page.
pub struct Parts {
    /// Where the page goes.
    pub route: Route,
    /// The template's file name.
    pub template: &'static str,
    /// The title (`<h1>` and `<title>`).
    pub title: Text,
    /// The meta description.
    pub description: String,
    /// Breadcrumbs above the title, without the page itself.
    pub breadcrumbs: Vec<LinkView>,
    /// The page kind's own context.
    pub page: tera::Value,
}

/// A context value from a typed struct.
pub fn json<T: Serialize>(value: &T) -> Result<tera::Value, tera::Error> {
    tera::Value::try_from_serializable(value)
}

/// A breadcrumb to a section.
pub fn crumb(ctx: &Ctx, key: &str, route: Route) -> LinkView {
    LinkView {
        label: ctx.text(key),
        url: ctx.url(&route),
    }
}

/// The site's name, written in the site's default language.
pub fn site_name(ctx: &Ctx) -> Text {
    let config = &ctx.site.config;
    ctx.record_text(&config.title, &config.default_language)
}
