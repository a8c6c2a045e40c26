//! Cards: a clinic or a newsletter issue in a list, with its date, kind and
//! level badges. A clinic's card is made once per language and heading
//! level ([`super::caches::CardCache`]) and reused by every list that shows it.

use serde::Serialize;

use crate::site::{Clinic, Issue};

use super::model::{ClinicCard, LinkView};
use super::text::Text;
use super::views::{Ctx, badges};
use crate::edition::dates::{self, Length};
use crate::edition::urls;

/// Builds a clinic's card.
fn clinic_card(ctx: &Ctx, clinic: &Clinic) -> ClinicCard {
    let text = clinic.text.get(ctx.lang).1;
    let (month, day) = ctx.dates.month_and_day(clinic.date);
    let in_its_language = super::translated::block_in_its_language;
    ClinicCard {
        title: in_its_language(ctx, &clinic.text, "title", &text.title),
        url: ctx.url(&urls::clinic(&clinic.slug)),
        when: ctx
            .dates
            .session(ctx.strings, clinic.date, clinic.duration, Length::Short),
        when_iso: dates::iso_utc(clinic.date),
        minutes: clinic.duration,
        month,
        day,
        format: ctx.text(&format!("format_{}", clinic.format)),
        kind: clinic.format.to_string(),
        levels: badges(ctx, &clinic.levels),
        summary: in_its_language(ctx, &clinic.text, "summary", &text.summary.text),
        event: ctx.is_upcoming(clinic).then(|| LinkView {
            url: ctx.url(&urls::clinic_event(&clinic.slug)),
            label: ctx.text("clinic_add_to_calendar"),
        }),
    }
}

/// How deep a clinic card's heading sits in its page: in a list under one of
/// the page's sections (`<h3>`), or under a year within one (`<h4>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardHeading {
    /// `<h3>`.
    Three,
    /// `<h4>`.
    Four,
}

impl CardHeading {
    fn level(self) -> u8 {
        match self {
            CardHeading::Three => 3,
            CardHeading::Four => 4,
        }
    }
}

/// The card of clinic `index` under a heading of `heading`'s level, as a
/// template value: the fields of [`ClinicCard`], and `html`, the theme's
/// `card.html` rendered with them once. A card is on about seven lists
/// per language; rendering it once per level instead (one render on its
/// own costs about 1.4 of one inside a list's loop) saved 1 % of a
/// build's instructions (1k × 2).
pub fn card_value(
    ctx: &Ctx,
    index: usize,
    heading: CardHeading,
) -> Result<tera::Value, tera::Error> {
    let cached = &ctx.cards.0[index];
    let slot = &cached.listed[heading as usize];
    if let Some(card) = slot.get() {
        return Ok(card.clone());
    }
    let fields = cached
        .fields
        .get_or_init(|| tera::Value::from_serializable(card(ctx, index)));
    // Two threads may make the same card at once; they make the same value.
    let card = listed_card(ctx, fields, heading)?;
    Ok(slot.get_or_init(|| card).clone())
}

/// Clinic `index`'s card, made once per language (its dates are formatted
/// through ICU) for its page and every list that shows it.
pub fn card<'c>(ctx: &'c Ctx, index: usize) -> &'c ClinicCard {
    ctx.cards.0[index]
        .card
        .get_or_init(|| clinic_card(ctx, &ctx.site.clinics[index]))
}

/// `fields` with `html`, the theme's card made from them.
fn listed_card(
    ctx: &Ctx,
    fields: &tera::Value,
    heading: CardHeading,
) -> Result<tera::Value, tera::Error> {
    let html = ctx.fragment(
        "card.html",
        [("c", fields.clone()), ("h", heading.level().into())],
    )?;
    let mut card = fields.as_map().cloned().unwrap_or_default();
    card.insert("html".into(), html);
    Ok(tera::Value::from(card))
}

/// Cards for clinics given by index, in the given order.
pub fn clinic_cards(
    ctx: &Ctx,
    indexes: &[usize],
    heading: CardHeading,
) -> Result<Vec<tera::Value>, tera::Error> {
    indexes
        .iter()
        .map(|&i| card_value(ctx, i, heading))
        .collect()
}

/// A newsletter issue in a list.
#[derive(Debug, Clone, Serialize)]
pub struct IssueCard {
    /// Its title.
    pub title: Text,
    /// Its number.
    pub number: u32,
    /// Its page.
    pub url: String,
    /// Publication date, formatted.
    pub date: Option<String>,
    /// Publication date, ISO.
    pub date_iso: Option<String>,
    /// One or two sentences.
    pub summary: Option<Text>,
}

/// Builds an issue's card.
pub fn issue_card(ctx: &Ctx, issue: &Issue) -> IssueCard {
    let text = issue.text.get(ctx.lang).1;
    let in_its_language = super::translated::block_in_its_language;
    IssueCard {
        title: in_its_language(ctx, &issue.text, "title", &text.title),
        number: issue.number,
        url: ctx.url(&urls::issue(&issue.slug)),
        date: issue.date.map(|d| ctx.dates.date(d)),
        date_iso: issue.date.map(dates::iso_date),
        summary: text
            .summary
            .as_deref()
            .map(|s| in_its_language(ctx, &issue.text, "summary", s)),
    }
}
