//! Dates as editors write them: a session's start with its UTC offset, an
//! issue's day. Each is read into a `time` value within [`YEARS`], or
//! reported at its line with the form to use.

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::content::records::Text;

use super::fields::Fields;
use super::years;
#[cfg(any(doc, test))]
use super::years::YEARS;

impl Fields<'_> {
    /// A date, time and UTC offset (`2024-11-14T14:00:00+00:00`), in UTC
    /// within [`YEARS`].
    pub fn date_time(&mut self, value: &Text) -> Option<OffsetDateTime> {
        let text = value.value.trim();
        let with_seconds = add_missing_seconds(text);
        if let Ok(parsed) = OffsetDateTime::parse(&with_seconds, &Rfc3339) {
            let utc = parsed.checked_to_offset(time::UtcOffset::UTC);
            return self
                .within_years(value, utc.map(|t| t.year()))
                .then_some(parsed);
        }
        let (message, hint) = date_time_problem(text);
        self.report(value, message, hint);
        None
    }

    /// A calendar date (`2024-12-01`), or a date and time whose date part is used.
    pub fn date(&mut self, value: &Text) -> Option<Date> {
        let text = value.value.trim();
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let parsed = Date::parse(text, &format).ok().or_else(|| {
            OffsetDateTime::parse(&add_missing_seconds(text), &Rfc3339)
                .ok()
                .map(|t| t.date())
        });
        if let Some(date) = parsed {
            return self.within_years(value, Some(date.year())).then_some(date);
        }
        let message = if looks_like_a_date(text) {
            format!("`{text}` is not a real date")
        } else {
            format!("`{text}` is not a date")
        };
        self.report(
            value,
            message,
            "write the date as YYYY-MM-DD, for example `2024-12-01`",
        );
        None
    }

    /// Whether `year` (`None`: beyond what can be counted) lies in
    /// [`YEARS`]; reports it at the value's line when not.
    fn within_years(&mut self, value: &Text, year: Option<i32>) -> bool {
        match years::problem(&value.value, year) {
            Some((message, hint)) => {
                self.report(value, message, hint);
                false
            }
            None => true,
        }
    }
}

/// `2024-11-14T14:00+00:00` → `2024-11-14T14:00:00+00:00`; anything else unchanged.
fn add_missing_seconds(text: &str) -> String {
    let bytes = text.as_bytes();
    let short_time = bytes.len() > 16
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && matches!(bytes[16], b'+' | b'-' | b'Z' | b'z');
    if short_time {
        format!("{}:00{}", &text[..16], &text[16..])
    } else {
        text.to_string()
    }
}

fn looks_like_a_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit)
}

/// Says what is wrong with a date-time that did not parse.
fn date_time_problem(text: &str) -> (String, String) {
    let example = "2024-11-14T14:00:00+00:00";
    let text = &if text.as_bytes().get(10) == Some(&b' ') {
        text.replacen(' ', "T", 1)
    } else {
        text.to_string()
    };
    if !looks_like_a_date(text) {
        return (
            format!("`{text}` is not a date and time"),
            format!("write it as `{example}` (date, `T`, time, UTC offset)"),
        );
    }
    if text.len() == 10 {
        return (
            "a clinic's `date` needs a time and a UTC offset, not just a day".into(),
            format!("add the start time and its offset, for example `{text}T14:00:00+00:00`"),
        );
    }
    let time_part = text.get(11..).unwrap_or("");
    let has_offset = time_part.contains(['+', 'Z', 'z']) || time_part.contains('-');
    if !has_offset {
        return (
            format!("`{text}` has no UTC offset, so nobody can tell when it starts"),
            format!(
                "add the offset after the time: `{text}+00:00` for UTC, `{text}+01:00` for West Africa Time"
            ),
        );
    }
    (
        format!("`{text}` is not a real date and time"),
        format!("check the day, month and hour; the form is `{example}`"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::yaml;
    use crate::diagnostic::Diagnostics;
    use crate::edition::dates::Length;

    /// A date-time checked as a clinic's `date` is, and when accepted,
    /// formatted by every renderer that takes one.
    fn check_and_render(text: &str, minutes: u32) -> Option<OffsetDateTime> {
        #[derive(serde::Deserialize)]
        struct One {
            date: Text,
        }
        let one: One = yaml::parse_file("x.md", &format!("date: \"{text}\"")).ok()?;
        let mut problems = Diagnostics::new();
        let mut f = Fields {
            path: "x.md",
            first_line: 1,
            problems: &mut problems,
        };
        let parsed = f.date_time(&one.date)?;
        let strings = crate::i18n::load(std::path::Path::new("/nonexistent"), "en").ok()?;
        for lang in ["en", "ar", "zh", "bcl"] {
            let format = crate::edition::dates::DateFormat::new(lang);
            for length in [Length::Short, Length::Long] {
                let _ = format.session(&strings, parsed, minutes, length);
            }
            let _ = format.month_and_day(parsed);
            let _ = format.date(crate::edition::dates::utc(parsed).date());
        }
        let _ = crate::edition::dates::iso_utc(crate::edition::dates::end(parsed, minutes));
        Some(parsed)
    }

    #[test]
    fn the_supported_years_end_where_they_say() {
        assert!(check_and_render("1900-01-01T00:00:00+00:00", 1440).is_some());
        assert!(
            check_and_render("1900-01-01T13:59:00+14:00", 60).is_none(),
            "1899 in UTC"
        );
        assert!(check_and_render("2200-12-31T23:59:00+00:00", 1440).is_some());
        assert!(
            check_and_render("2200-12-31T23:00:00-01:00", 60).is_none(),
            "2201 in UTC"
        );
        assert!(check_and_render("9999-12-31T23:30:00-01:00", 60).is_none());
    }

    proptest::proptest! {
        #[test]
        fn no_date_near_any_edge_makes_a_renderer_panic(
            edge in proptest::sample::select(vec![
                "0001-01-01T00:00:00Z", "1900-01-01T00:00:00Z",
                "2200-12-31T23:59:00Z", "9999-12-31T23:59:00Z",
            ]),
            delta in -3000i64..3000,
            offset in -(23 * 60 + 59)..=(23i32 * 60 + 59),
            minutes in 1u32..=1440,
        ) {
            let moment = OffsetDateTime::parse(edge, &Rfc3339).ok()
                .and_then(|t| t.checked_add(time::Duration::minutes(delta)));
            let zone = time::UtcOffset::from_whole_seconds(offset * 60).ok();
            let local = moment.zip(zone).and_then(|(t, z)| t.checked_to_offset(z));
            if let Some(text) = local.and_then(|t| t.format(&Rfc3339).ok()) {
                if let Some(parsed) = check_and_render(&text, minutes) {
                    let utc = crate::edition::dates::utc(parsed).year();
                    proptest::prop_assert!(YEARS.contains(&utc), "{text} accepted in {utc}");
                }
            }
        }
    }

    #[test]
    fn short_times_get_seconds() {
        assert_eq!(
            add_missing_seconds("2024-11-14T14:00+00:00"),
            "2024-11-14T14:00:00+00:00"
        );
        assert_eq!(
            add_missing_seconds("2024-11-14T14:00Z"),
            "2024-11-14T14:00:00Z"
        );
        assert_eq!(
            add_missing_seconds("2024-11-14T14:00:00Z"),
            "2024-11-14T14:00:00Z"
        );
    }

    #[test]
    fn date_problems_say_what_is_missing() {
        assert!(
            date_time_problem("2024-11-14T14:00:00")
                .0
                .contains("no UTC offset")
        );
        assert!(date_time_problem("2024-11-14").0.contains("needs a time"));
        assert!(
            date_time_problem("2024-02-30T14:00:00+00:00")
                .0
                .contains("not a real date")
        );
        assert!(date_time_problem("next tuesday").0.contains("not a date"));
    }
}
