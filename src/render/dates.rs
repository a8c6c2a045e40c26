//! Dates and times as visitors read them, in the page's language.
//!
//! Clinic times are shown in UTC, the one time zone every participant can
//! convert from; the theme's small script adds the visitor's local time.
//! Month and weekday names and the order of the parts come from the
//! interface strings, so each language writes dates its own way.

use time::{Date, OffsetDateTime, UtcOffset};

use crate::i18n::Strings;

/// `14 November 2024` (in the language's order).
pub fn date(strings: &Strings, date: Date) -> String {
    fill(strings, strings.get("date_format"), date)
}

/// `Thursday 14 November 2024, 14:00–16:00 UTC`.
pub fn session(strings: &Strings, start: OffsetDateTime, minutes: u32) -> String {
    let start = start.to_offset(UtcOffset::UTC);
    let end = start + time::Duration::minutes(i64::from(minutes));
    let day = fill(strings, strings.get("date_long_format"), start.date());
    format!(
        "{day}, {}–{} {}",
        clock(start),
        clock(end),
        strings.get("time_utc")
    )
}

/// `2024-11-14T14:00:00Z`, for `<time datetime>` and machines.
pub fn iso_utc(moment: OffsetDateTime) -> String {
    let t = moment.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `2024-11-14`.
pub fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

fn clock(t: OffsetDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn fill(strings: &Strings, pattern: &str, date: Date) -> String {
    let month = strings
        .get(&format!("month_{}", u8::from(date.month())))
        .to_string();
    let weekday = strings
        .get(&format!("weekday_{}", date.weekday().number_from_monday()))
        .to_string();
    pattern
        .replace("{weekday}", &weekday)
        .replace("{day}", &date.day().to_string())
        .replace("{month}", &month)
        .replace("{year}", &date.year().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sessions_are_shown_in_utc_with_their_end() {
        let strings = crate::i18n::load(std::path::Path::new("/nonexistent"), "en").unwrap();
        let start = datetime!(2024-11-14 15:00 +01:00);
        assert_eq!(
            session(&strings, start, 120),
            "Thursday 14 November 2024, 14:00–16:00 UTC"
        );
        assert_eq!(iso_utc(start), "2024-11-14T14:00:00Z");
        assert_eq!(date(&strings, start.date()), "14 November 2024");
    }
}
