//! The context of a page: one exhaustive `match` over its [`Job`] calls the
//! builder of its kind, which returns its [`Parts`]; [`finish`] wraps them
//! in the layout (language, direction, navigation: see [`super::layout`])
//! and the strings, ready for the template.

use crate::edition::urls::Route;

use super::ctx::Ctx;
use super::jobs::Job;
use super::parts::Parts;
use super::{clinic, lists, records, search_page, status};

/// A rendered page's route, template and context.
pub struct Rendered {
    /// Where it goes.
    pub route: Route,
    /// The template's file name.
    pub template: &'static str,
    /// The context, as Tera takes it.
    pub context: tera::Context,
}

/// Builds the context of one job.
pub fn context(ctx: &Ctx, css: &str, job: Job) -> Result<Rendered, tera::Error> {
    let parts = match job {
        Job::Home => lists::home(ctx)?,
        Job::Clinic(i) => clinic::page(ctx, i),
        Job::Summary(i) => clinic::summary(ctx, i),
        Job::Calendar(page) => lists::calendar(ctx, page)?,
        Job::Level(level, page) => lists::level(ctx, level, page)?,
        Job::Topics => lists::topics(ctx)?,
        Job::Topic(i, page) => records::topic(ctx, i, page)?,
        Job::Sharers => lists::sharers(ctx)?,
        Job::Sharer(i, page) => records::sharer(ctx, i, page)?,
        Job::Newsletter => lists::newsletter(ctx)?,
        Job::Issue(i) => records::issue(ctx, i)?,
        Job::Page(i) => records::free_page(ctx, i)?,
        Job::Translations => status::translations(ctx)?,
        Job::Search => search_page::search(ctx)?,
        Job::NotFound => lists::not_found(ctx)?,
    };
    finish(ctx, css, job, parts)
}

/// Wraps a page's own context in the layout: templates see `layout`, `page`
/// and the interface strings `t`.
pub fn finish(ctx: &Ctx, css: &str, job: Job, parts: Parts) -> Result<Rendered, tera::Error> {
    let Parts {
        route,
        template,
        title,
        description,
        breadcrumbs,
        page,
    } = parts;
    let layout = super::layout::value(
        ctx,
        super::layout::Page {
            job,
            route: &route,
            css,
            title,
            description,
            breadcrumbs,
        },
    )?;
    // The page's own context is already a template value: move it in, don't
    // serialise it again. The strings were made a value once per language,
    // and a copy of it is a reference count.
    let mut context = tera::Context::new();
    context.insert_value("layout", layout);
    context.insert_value("page", page);
    context.insert_value("t", ctx.interface.marked.clone());
    context.insert_value("plain", ctx.interface.plain.clone());
    Ok(Rendered {
        route,
        template,
        context,
    })
}
