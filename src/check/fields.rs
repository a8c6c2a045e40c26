//! Field rules shared by every record kind: required values, closed
//! vocabularies, slugs, dates with offsets, URLs and language codes.
//!
//! A [`Fields`] is bound to one file; each method checks one value, records a
//! diagnostic at the value's position when it is wrong, and returns the
//! resolved value (or `None`) so that checking goes on and every problem of
//! the file is reported in one run.

use serde_saphyr::Spanned;

use crate::content::markdown::is_unsafe_url;
use crate::content::records::{Text, TextList};
use crate::content::yaml;
use crate::diagnostic::{Diagnostic, Diagnostics, Position, suggestion};
use crate::vocab;

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
