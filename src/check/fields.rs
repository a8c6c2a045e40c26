//! Field rules shared by every record kind: required values, closed
//! vocabularies, slugs, dates with offsets, URLs and language codes.
//!
//! A [`Fields`] is bound to one file; each method checks one value, records a
//! diagnostic at the value's position when it is wrong, and returns the
//! resolved value (or `None`) so that checking goes on and every problem of
//! the file is reported in one run.

use serde_saphyr::Spanned;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::content::markdown::is_unsafe_url;
use crate::content::records::{Text, TextList};
use crate::content::yaml;
use crate::diagnostic::{Diagnostic, Diagnostics, Position, suggestion};
use crate::vocab;

use super::years;
pub use super::years::YEARS;

/// The longest title, name, takeaway or label, in characters.
pub const MAX_LINE_CHARS: usize = 300;

/// The rules, bound to one file.
pub struct Fields<'a> {
    /// The file's path.
    pub path: &'a str,
    /// Where its front matter starts.
    pub first_line: usize,
    /// Where problems go.
    pub problems: &'a mut Diagnostics,
}

impl Fields<'_> {
    /// The file position of a value.
    pub fn at<T>(&self, value: &Spanned<T>) -> Position {
        yaml::at(value, self.first_line)
    }

    /// Records a problem at a value.
    pub fn report<T>(
        &mut self,
        value: &Spanned<T>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let position = self.at(value);
        self.problems
            .push(Diagnostic::at(self.path, position, message).hint(hint));
    }

    /// Records a problem with the file as a whole (a missing key).
    pub fn missing(&mut self, key: &str, kind: &str, example: &str) {
        self.problems.push(
            Diagnostic::at(
                self.path,
                Position::START,
                format!("this {kind} has no `{key}`"),
            )
            .hint(format!("add the line `{key}: {example}`")),
        );
    }

    /// A required, non-empty text.
    pub fn required(
        &mut self,
        value: &Option<Text>,
        key: &str,
        kind: &str,
        example: &str,
    ) -> Option<String> {
        match value {
            None => {
                self.missing(key, kind, example);
                None
            }
            Some(text) => self.text(text, key, example),
        }
    }

    /// True when the text has no control characters (other than line
    /// breaks and tabs) and no bidirectional embedding, override or isolate
    /// controls, which would reorder the text around it on the page.
    fn printable(&mut self, text: &Text, key: &str) -> bool {
        let invisible = |c: &char| {
            (c.is_control() && *c != '\n' && *c != '\t')
                || crate::content::safety::is_bidi_control(*c)
        };
        match text.value.chars().find(invisible) {
            Some(c) => {
                let what = if c.is_control() {
                    "an invisible control character"
                } else {
                    "an invisible direction control"
                };
                self.report(
                    text,
                    format!("`{key}` contains {what} (U+{:04X})", c as u32),
                    "retype the text; it was probably pasted from another program",
                );
                false
            }
            None => true,
        }
    }

    /// An optional text; a blank value counts as absent.
    pub fn optional(&mut self, value: &Option<Text>, key: &str) -> Option<String> {
        let text = value.as_ref()?;
        if !self.printable(text, key) {
            return None;
        }
        Some(text.value.trim())
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    }

    fn text(&mut self, text: &Text, key: &str, example: &str) -> Option<String> {
        let trimmed = text.value.trim();
        if !self.printable(text, key) {
            return None;
        }
        let length = trimmed.chars().count();
        if length > MAX_LINE_CHARS {
            self.report(
                text,
                format!(
                    "`{key}` is {length} characters long; it can have at most {MAX_LINE_CHARS}"
                ),
                "keep it to one short line; longer text belongs in the body",
            );
            return None;
        }
        if trimmed.is_empty() {
            self.report(
                text,
                format!("`{key}` is empty"),
                format!("write a value, for example `{key}: {example}`"),
            );
            return None;
        }
        Some(trimmed.to_string())
    }

    /// A value from a closed vocabulary.
    pub fn one_of<T>(
        &mut self,
        value: &Text,
        key: &str,
        parse: fn(&str) -> Option<T>,
        names: &[&str],
    ) -> Option<T> {
        let parsed = parse(value.value.trim());
        if parsed.is_none() {
            self.report(
                value,
                format!("`{}` is not a valid `{key}`", value.value),
                suggestion(&value.value, names),
            );
        }
        parsed
    }

    /// A list of values from a closed vocabulary, without repeats.
    pub fn list_of<T: PartialEq>(
        &mut self,
        list: &Option<TextList>,
        key: &str,
        parse: fn(&str) -> Option<T>,
        names: &[&str],
    ) -> Vec<T> {
        let mut out = Vec::new();
        for item in list.iter().flat_map(|l| l.value.iter()) {
            if let Some(value) = self.one_of(item, key, parse, names) {
                if out.contains(&value) {
                    self.report(
                        item,
                        format!("`{}` is listed twice in `{key}`", item.value),
                        "remove one of the two",
                    );
                } else {
                    out.push(value);
                }
            }
        }
        out
    }

    /// A list of slugs (their existence is checked later, across files).
    pub fn slugs<'t>(&mut self, list: &'t Option<TextList>, key: &str) -> Vec<&'t Text> {
        let mut out: Vec<&Text> = Vec::new();
        for item in list.iter().flat_map(|l| l.value.iter()) {
            if !vocab::is_slug(&item.value) {
                let hint = format!(
                    "slugs are file names without `.md`: lowercase letters, digits and `-`, for example `{}`",
                    non_empty_slug(&item.value)
                );
                self.report(
                    item,
                    format!("`{}` in `{key}` is not a slug", item.value),
                    hint,
                );
            } else if out.iter().any(|seen| seen.value == item.value) {
                self.report(
                    item,
                    format!("`{}` is listed twice in `{key}`", item.value),
                    "remove one of the two",
                );
            } else {
                out.push(item);
            }
        }
        out
    }

    /// A list of language codes.
    pub fn languages(&mut self, list: &Option<TextList>, key: &str) -> Vec<String> {
        let mut out = Vec::new();
        for item in list.iter().flat_map(|l| l.value.iter()) {
            if let Some(lang) = self.language(item, key) {
                out.push(lang);
            }
        }
        out
    }

    /// One language code.
    pub fn language(&mut self, item: &Text, key: &str) -> Option<String> {
        if vocab::is_language_tag(&item.value) {
            Some(item.value.clone())
        } else {
            self.report(
                item,
                format!("`{}` in `{key}` is not a language code", item.value),
                "use BCP 47 codes such as `en`, `fr`, `ar`, `pt-BR`",
            );
            None
        }
    }

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

    /// An address on the web, `https://` only (no site path): `Some(None)`
    /// never; `Some(Some(url))` when right, `None` (reported) when not.
    pub fn https_url(&mut self, value: &Text, key: &str) -> Option<Option<String>> {
        let url = self.url(value, key)?;
        if url.starts_with('/') {
            self.report(
                value,
                format!("`{key}` must be a full `https://` address, not a path on this site"),
                "copy the address from the browser's address bar, starting with `https://`",
            );
            return None;
        }
        Some(Some(url))
    }

    /// A resource or link URL: `https://` or a site-relative path.
    pub fn url(&mut self, value: &Text, key: &str) -> Option<String> {
        let url = value.value.trim();
        if url.starts_with("https://")
            && url.len() > "https://".len()
            && !url.contains(char::is_whitespace)
        {
            return Some(url.to_string());
        }
        if url.starts_with('/')
            && !url.starts_with("//")
            && !url.starts_with("/\\")
            && !url.contains(char::is_whitespace)
        {
            return Some(url.to_string());
        }
        let message = if url.starts_with("http://") {
            format!("`{key}` must use `https://`, not `http://`")
        } else if crate::content::safety::is_backslash_path(url) {
            format!(
                "`{key}` starts with a backslash (`{url}`), which browsers read as another site's address"
            )
        } else if is_unsafe_url(url) {
            format!(
                "`{key}` uses a scheme that is not allowed: `{}`",
                scheme(url)
            )
        } else {
            format!("`{url}` is not an `https://` URL or a site path")
        };
        let hint = match url.strip_prefix("http://") {
            Some(rest) => format!("write `https://{rest}`"),
            None => "write a full address starting with `https://`, or a path on this site starting with `/`".into(),
        };
        self.report(value, message, hint);
        None
    }
}

fn scheme(url: &str) -> &str {
    url.split(':').next().unwrap_or(url).trim()
}

fn non_empty_slug(text: &str) -> String {
    let s = vocab::slugify(text.trim_end_matches(".md"));
    if s.is_empty() { "my-topic".into() } else { s }
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
    use crate::render::dates::Length;

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
            let format = crate::render::dates::DateFormat::new(lang);
            for length in [Length::Short, Length::Long] {
                let _ = format.session(&strings, parsed, minutes, length);
            }
            let _ = format.month_and_day(parsed);
            let _ = format.date(crate::render::dates::utc(parsed).date());
        }
        let _ = crate::render::dates::iso_utc(crate::render::dates::end(parsed, minutes));
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
                    let utc = crate::render::dates::utc(parsed).year();
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
