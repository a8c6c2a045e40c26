//! Dates and times as visitors read them, in the page's language.
//!
//! Day, month and weekday names, their order and the words that join a date
//! to its time come from CLDR through ICU4X's compiled data (Gregorian
//! calendar, 24-hour clock). A language CLDR has no data for (ICU4X would
//! fall back to its root locale, "2024 M11 14, Thu") gets numeric ISO dates
//! instead, which every reader can parse. Session times are written in UTC,
//! the one time zone every participant can convert from, in two lengths:
//! [`Length::Short`] on cards, [`Length::Long`] on the session's page. The
//! theme's small script rewrites them in the visitor's time zone with the
//! browser's CLDR data (`Intl.DateTimeFormat`), in the same two lengths and
//! the same locale ([`DateFormat::locale`]).

use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter as Formatter;
use icu_datetime::fieldsets::{D, M, T, YMD, YMDE, YMDET};
use icu_datetime::input::{Date as IcuDate, DateTime as IcuDateTime, Time as IcuTime};
use time::{Date, OffsetDateTime, UtcOffset};

use crate::i18n::Strings;

/// How long a session's date and time are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// `Thu, 14 Nov 2024, 14:00–16:00 UTC`, on cards.
    Short,
    /// `Thursday, 14 November 2024 at 14:00–16:00 UTC`, on the session's page.
    Long,
}

/// How one language writes dates.
pub struct DateFormat {
    /// The locale the formats are CLDR's for (`en-001`), or empty when numeric.
    locale: String,
    cldr: Option<Cldr>,
}

/// One language's CLDR formats.
struct Cldr {
    date: Formatter<Gregorian, YMD>,
    short: Formatter<Gregorian, YMDET>,
    long: Formatter<Gregorian, YMDET>,
    time: Formatter<Gregorian, T>,
    month: Formatter<Gregorian, M>,
    day: Formatter<Gregorian, D>,
}

impl Cldr {
    /// The formats of `locale`, on a 24-hour clock.
    fn new(locale: &str) -> Option<Cldr> {
        let tag = icu_locale::Locale::try_from_str(&format!("{locale}-u-hc-h23")).ok()?;
        let prefs = || (&tag).into();
        Some(Cldr {
            date: Formatter::try_new(prefs(), YMD::long()).ok()?,
            short: Formatter::try_new(prefs(), YMDE::medium().with_time_hm()).ok()?,
            long: Formatter::try_new(prefs(), YMDE::long().with_time_hm()).ok()?,
            time: Formatter::try_new(prefs(), T::hm()).ok()?,
            month: Formatter::try_new(prefs(), M::medium()).ok()?,
            day: Formatter::try_new(prefs(), D::medium()).ok()?,
        })
    }

    /// True when these are CLDR's root formats, which a language without
    /// data of its own gets ("2024 M11 14").
    fn is_root(&self) -> bool {
        let probe = IcuDate::try_new_gregorian(2024, 11, 14).ok();
        let root: Option<Formatter<Gregorian, YMD>> =
            Formatter::try_new(Default::default(), YMD::long()).ok();
        match (probe, root) {
            (Some(p), Some(root)) => {
                self.date.format(&p).to_string() == root.format(&p).to_string()
            }
            _ => true,
        }
    }
}

impl DateFormat {
    /// The formats of `lang`; numeric when CLDR has nothing for it.
    pub fn new(lang: &str) -> Self {
        // International English (en-001) writes "14 November 2024", which reads
        // the same to every English reader; plain `en` is US English.
        let locale = if lang == "en" { "en-001" } else { lang };
        match Cldr::new(locale) {
            Some(cldr) if lang == "en" || !cldr.is_root() => DateFormat {
                locale: locale.to_string(),
                cldr: Some(cldr),
            },
            _ => DateFormat {
                locale: String::new(),
                cldr: None,
            },
        }
    }

    /// The BCP 47 locale of these formats (`en-001`), for the browser to
    /// write local times the same way; empty when they are numeric.
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// `14 November 2024` (in the language's words and order).
    pub fn date(&self, date: Date) -> String {
        match (&self.cldr, gregorian(date)) {
            (Some(f), Some(d)) => f.date.format(&d).to_string(),
            _ => iso_date(date),
        }
    }

    /// A session's start and end in UTC: `Thu, 14 Nov 2024, 14:00–16:00 UTC`
    /// ([`Length::Short`]) or `Thursday, 14 November 2024 at 14:00–16:00 UTC`.
    pub fn session(
        &self,
        strings: &Strings,
        start: OffsetDateTime,
        minutes: u32,
        length: Length,
    ) -> String {
        let start = utc(start);
        let end = end(start, minutes);
        let moment = |t: OffsetDateTime| {
            let time = IcuTime::try_new(t.hour(), t.minute(), 0, 0).ok()?;
            Some((gregorian(t.date())?, time))
        };
        let (from, to) = match (&self.cldr, moment(start), moment(end)) {
            (Some(f), Some((date, time)), Some((_, until))) => {
                let format = match length {
                    Length::Short => &f.short,
                    Length::Long => &f.long,
                };
                let from = format.format(&IcuDateTime { date, time }).to_string();
                (from, f.time.format(&until).to_string())
            }
            _ => (
                format!("{} {}", iso_date(start.date()), clock(start)),
                clock(end),
            ),
        };
        format!("{from}\u{2013}{to} {}", strings.get("time_utc"))
    }

    /// A session's month and day in UTC, for the date on its card: `Nov`
    /// and `14`; numeric (`2024-11`, `14`) without CLDR data.
    pub fn month_and_day(&self, start: OffsetDateTime) -> (String, String) {
        let date = utc(start).date();
        match (&self.cldr, gregorian(date)) {
            (Some(f), Some(d)) => (f.month.format(&d).to_string(), f.day.format(&d).to_string()),
            _ => {
                let iso = iso_date(date);
                let (month, day) = iso.rsplit_once('-').unwrap_or((&iso, ""));
                (month.to_string(), day.to_string())
            }
        }
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
    fn sessions_are_shown_in_utc_with_their_end_in_two_lengths() {
        let strings = crate::i18n::load(std::path::Path::new("/nonexistent"), "en").unwrap();
        let start = datetime!(2024-11-14 15:00 +01:00);
        let en = DateFormat::new("en");
        assert_eq!(
            en.session(&strings, start, 120, Length::Long),
            "Thursday, 14 November 2024 at 14:00–16:00 UTC"
        );
        assert_eq!(
            en.session(&strings, start, 120, Length::Short),
            "Thu, 14 Nov 2024, 14:00–16:00 UTC"
        );
        assert_eq!(en.month_and_day(start), ("Nov".into(), "14".into()));
        assert_eq!(en.locale(), "en-001");
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
        assert_eq!(
            DateFormat::new("bcl").locale(),
            "",
            "the browser is told so"
        );
    }

    /// Issue 27: CLDR's words join the date to its time, with no space of
    /// our own (Chinese has none before the time), and a language without
    /// CLDR data never shows the root locale's "M11".
    #[test]
    fn session_times_follow_cldr_for_every_language() {
        let strings = crate::i18n::load(std::path::Path::new("/nonexistent"), "en").unwrap();
        let start = datetime!(2024-11-14 14:00 UTC);
        let long = |lang: &str| DateFormat::new(lang).session(&strings, start, 90, Length::Long);
        assert_eq!(long("zh"), "2024年11月14日星期四 14:00–15:30 UTC");
        assert_eq!(long("fr"), "jeudi 14 novembre 2024 à 14:00–15:30 UTC");
        assert_eq!(long("ig"), "Tọọzdee, 14 Novemba 2024 na 14:00–15:30 UTC");
        assert_eq!(long("bcl"), "2024-11-14 14:00–15:30 UTC");
        assert_eq!(
            DateFormat::new("zh").month_and_day(start),
            ("11月".into(), "14日".into())
        );
        assert_eq!(
            DateFormat::new("bcl").month_and_day(start),
            ("2024-11".into(), "14".into())
        );
        for lang in ["en", "fr", "es", "pt", "ar", "zh", "ig", "bcl"] {
            let short = DateFormat::new(lang).session(&strings, start, 90, Length::Short);
            assert!(
                !short.contains("M11") && !short.contains("  "),
                "{lang}: {short}"
            );
        }
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
