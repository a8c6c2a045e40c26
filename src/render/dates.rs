//! Dates and times as visitors read them, in the page's language.
//!
//! Day, month and weekday names and their order come from CLDR through
//! ICU4X's compiled data (Gregorian calendar). A language CLDR has no data for
//! (ICU4X would fall back to its root locale) gets numeric ISO dates instead,
//! which every reader can parse. Clinic times are shown in UTC, the one time
//! zone every participant can convert from; the theme's small script adds
//! the visitor's local time.

use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDE};
use icu_datetime::input::Date as IcuDate;
use time::{Date, OffsetDateTime, UtcOffset};

use crate::i18n::Strings;

/// How one language writes dates.
pub struct DateFormat {
    date: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    long: Option<FixedCalendarDateTimeFormatter<Gregorian, YMDE>>,
}

impl DateFormat {
    /// The formats of `lang`; numeric when CLDR has nothing for it.
    pub fn new(lang: &str) -> Self {
        let numeric = DateFormat {
            date: None,
            long: None,
        };
        // International English (en-001) writes "14 November 2024", which reads
        // the same to every English reader; plain `en` is US English.
        let tag = if lang == "en" { "en-001" } else { lang };
        let Ok(locale) = icu_locale::Locale::try_from_str(tag) else {
            return numeric;
        };
        let (Ok(date), Ok(long)) = (
            FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long()),
            FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMDE::long()),
        ) else {
            return numeric;
        };
        let probe = IcuDate::try_new_gregorian(2024, 11, 14).ok();
        let root: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>> =
            FixedCalendarDateTimeFormatter::try_new(Default::default(), YMD::long()).ok();
        let same_as_root = match (probe, root) {
            (Some(p), Some(root)) => {
                date.format(&p).to_string() == root.format(&p).to_string() && lang != "en"
            }
            _ => true,
        };
        if same_as_root {
            numeric
        } else {
            DateFormat {
                date: Some(date),
                long: Some(long),
            }
        }
    }

    /// `14 November 2024` (in the language's words and order).
    pub fn date(&self, date: Date) -> String {
        match (&self.date, gregorian(date)) {
            (Some(f), Some(d)) => f.format(&d).to_string(),
            _ => iso_date(date),
        }
    }

    /// `Thursday, 14 November 2024` (in the language's words and order).
    pub fn long_date(&self, date: Date) -> String {
        match (&self.long, gregorian(date)) {
            (Some(f), Some(d)) => f.format(&d).to_string(),
            _ => iso_date(date),
        }
    }

    /// `Thursday, 14 November 2024, 14:00–16:00 UTC`.
    pub fn session(&self, strings: &Strings, start: OffsetDateTime, minutes: u32) -> String {
        let start = utc(start);
        let end = end(start, minutes);
        format!(
            "{}, {}–{} {}",
            self.long_date(start.date()),
            clock(start),
            clock(end),
            strings.get("time_utc")
        )
    }
}

/// `moment` in UTC; as given if UTC can't hold it (the check stage keeps
/// dates to 1900–2200, so this is a guard, not a path).
pub fn utc(moment: OffsetDateTime) -> OffsetDateTime {
    moment.checked_to_offset(UtcOffset::UTC).unwrap_or(moment)
}

/// `minutes` after `start`; `start` itself if that can't be counted.
pub fn end(start: OffsetDateTime, minutes: u32) -> OffsetDateTime {
    start
        .checked_add(time::Duration::minutes(i64::from(minutes)))
        .unwrap_or(start)
}

fn gregorian(date: Date) -> Option<IcuDate<Gregorian>> {
    IcuDate::try_new_gregorian(date.year(), u8::from(date.month()), date.day()).ok()
}

/// `2024-11-14T14:00:00Z`, for `<time datetime>` and machines.
pub fn iso_utc(moment: OffsetDateTime) -> String {
    let t = utc(moment);
    let mut out = String::with_capacity(20);
    push_iso_date(&mut out, t.date());
    out.push('T');
    for (i, part) in [t.hour(), t.minute(), t.second()].into_iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        push_digits(&mut out, u32::from(part), 2);
    }
    out.push('Z');
    out
}

/// `2024-11-14`.
pub fn iso_date(date: Date) -> String {
    let mut out = String::with_capacity(10);
    push_iso_date(&mut out, date);
    out
}

/// Appends `2024-11-14`. (Written digit by digit: a site formats a date
/// for every card and page, and `format!` was most of the cost.)
fn push_iso_date(out: &mut String, date: Date) {
    match u32::try_from(date.year()) {
        Ok(year) if year <= 9999 => push_digits(out, year, 4),
        _ => out.push_str(&format!("{:04}", date.year())),
    }
    out.push('-');
    push_digits(out, u32::from(u8::from(date.month())), 2);
    out.push('-');
    push_digits(out, u32::from(date.day()), 2);
}

fn clock(t: OffsetDateTime) -> String {
    let mut out = String::with_capacity(5);
    push_digits(&mut out, u32::from(t.hour()), 2);
    out.push(':');
    push_digits(&mut out, u32::from(t.minute()), 2);
    out
}

/// Appends the last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = (n / 10u32.pow(place)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sessions_are_shown_in_utc_with_their_end() {
        let strings = crate::i18n::load(std::path::Path::new("/nonexistent"), "en").unwrap();
        let start = datetime!(2024-11-14 15:00 +01:00);
        let en = DateFormat::new("en");
        assert_eq!(
            en.session(&strings, start, 120),
            "Thursday, 14 November 2024, 14:00–16:00 UTC"
        );
        assert_eq!(iso_utc(start), "2024-11-14T14:00:00Z");
        assert_eq!(en.date(start.date()), "14 November 2024");
    }

    #[test]
    fn each_language_writes_its_own_dates() {
        let day = time::macros::date!(2024 - 11 - 14);
        assert_eq!(DateFormat::new("fr").date(day), "14 novembre 2024");
        assert_eq!(DateFormat::new("es").date(day), "14 de noviembre de 2024");
        assert!(DateFormat::new("zh").date(day).contains("2024年11月14日"));
        assert_eq!(
            DateFormat::new("bcl").date(day),
            "2024-11-14",
            "no CLDR data: numeric"
        );
    }

    proptest::proptest! {
        #[test]
        fn iso_forms_are_what_format_writes(seconds in -377_705_116_800i64..=253_402_300_799i64) {
            let moment = OffsetDateTime::from_unix_timestamp(seconds).expect("in range");
            let t = moment.to_offset(UtcOffset::UTC);
            let date = format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day());
            proptest::prop_assert_eq!(iso_date(t.date()), date.clone());
            let full = format!("{date}T{:02}:{:02}:{:02}Z", t.hour(), t.minute(), t.second());
            proptest::prop_assert_eq!(iso_utc(moment), full);
        }
    }
}
