//! YAML front matter through serde-saphyr, with errors an editor can act on.
//!
//! serde-saphyr never panics on malformed input, bounds alias expansion and
//! nesting (the "billion laughs" bomb is a clean error), and reports a line
//! and column for every problem. This module shifts those positions from the
//! front matter to the file, rewrites the parser's wording into plain words,
//! and adds a hint: "did you mean `levels`?" for a misspelt key.

use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::diagnostic::{Diagnostic, Position, suggestion};

/// Converts a location inside the front matter to a position in the file.
pub fn position(location: &Location, yaml_first_line: usize) -> Position {
    if location.line() == 0 {
        return Position::new(yaml_first_line.saturating_sub(1).max(1), 1);
    }
    Position::new(
        location.line() as usize + yaml_first_line - 1,
        location.column().max(1) as usize,
    )
}

/// Where a spanned value was written, as a file position.
pub fn at<T>(spanned: &Spanned<T>, yaml_first_line: usize) -> Position {
    position(&spanned.referenced, yaml_first_line)
}

/// Parsing options: strict about duplicate keys, bounded against alias bombs.
pub fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = 100_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_depth = 50;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// The top-level keys of a front matter, with their positions.
struct KeyList(Vec<Spanned<String>>);

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = KeyList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`key: value` lines")
            }
            fn visit_unit<E>(self) -> Result<KeyList, E> {
                Ok(KeyList(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyList, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(KeyList(keys))
            }
        }
        deserializer.deserialize_any(Keys)
    }
}

/// Parses a record's front matter into `T`, whose keys are `known`.
///
/// Unknown keys are all reported (not just the first), each with a hint, and
/// a tab used for indentation is reported at its exact place.
pub fn parse<T>(
    path: &str,
    yaml: &str,
    first_line: usize,
    kind: &str,
    known: &[&str],
) -> Result<T, Vec<Diagnostic>>
where
    T: for<'de> Deserialize<'de> + Default,
{
    if let Some(tab) = indentation_tab(yaml, first_line) {
        return Err(vec![
            Diagnostic::at(path, tab, "a tab is used to indent this line")
                .hint("YAML indentation must use spaces; replace the tab with two spaces"),
        ]);
    }
    if yaml.trim().is_empty() {
        return Ok(T::default());
    }
    // Most front matter is plain `key: value` lines with known keys: then one
    // parse does. Otherwise, or if that parse fails, the keys are listed
    // first, so every unknown key is reported before anything else.
    if only_known_keys(yaml, known)
        && let Ok(value) = serde_saphyr::from_str_with_options::<T>(yaml, options())
    {
        return Ok(value);
    }
    parse_listing_keys(path, yaml, first_line, kind, known)
}

/// [`parse`] by listing the top-level keys first.
fn parse_listing_keys<T>(
    path: &str,
    yaml: &str,
    first_line: usize,
    kind: &str,
    known: &[&str],
) -> Result<T, Vec<Diagnostic>>
where
    T: for<'de> Deserialize<'de>,
{
    let keys = serde_saphyr::from_str_with_options::<KeyList>(yaml, options())
        .map_err(|e| vec![from_error(path, &e, first_line)])?;
    let unknown: Vec<Diagnostic> = keys
        .0
        .iter()
        .filter(|k| !known.contains(&k.value.as_str()))
        .map(|k| {
            Diagnostic::at(
                path,
                at(k, first_line),
                format!("unknown key `{}` in a {kind}", k.value),
            )
            .hint(suggestion(&k.value, known))
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    serde_saphyr::from_str_with_options::<T>(yaml, options())
        .map_err(|e| vec![from_error(path, &e, first_line)])
}

/// Parses a whole YAML file (`site.yaml`, `i18n/*.yaml`) into `T`.
pub fn parse_file<T: for<'de> Deserialize<'de>>(path: &str, yaml: &str) -> Result<T, Diagnostic> {
    if let Some(tab) = indentation_tab(yaml, 1) {
        return Err(
            Diagnostic::at(path, tab, "a tab is used to indent this line")
                .hint("YAML indentation must use spaces; replace the tab with two spaces"),
        );
    }
    serde_saphyr::from_str_with_options::<T>(yaml, options()).map_err(|e| from_error(path, &e, 1))
}

/// True when the text alone shows that every top-level key is one of
/// `known`: the first line with content starts at the left margin, and every
/// line there is a comment or `key:` with a known bare key. Anything less
/// plain (quoted or complex keys, flow mappings, anchors) gives `false`, and
/// the parser decides.
fn only_known_keys(yaml: &str, known: &[&str]) -> bool {
    let mut content = yaml.lines().filter(|line| !line.trim().is_empty());
    let first_at_margin = content
        .clone()
        .find(|line| !line.trim_start().starts_with('#'))
        .is_some_and(|line| !line.starts_with(' '));
    first_at_margin
        && content.all(|line| {
            line.starts_with(' ')
                || line.starts_with('#')
                || bare_key(line).is_some_and(|key| known.contains(&key))
        })
}

/// The key of a `key:` or `key: value` line whose key is letters, digits, `_` or `-`.
fn bare_key(line: &str) -> Option<&str> {
    let (key, rest) = line.split_once(':')?;
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let separated = rest.is_empty() || rest.starts_with([' ', '\r']);
    (plain && separated).then_some(key)
}

/// The first tab in a line's leading whitespace.
fn indentation_tab(yaml: &str, first_line: usize) -> Option<Position> {
    yaml.lines().enumerate().find_map(|(index, line)| {
        line.bytes()
            .take_while(|b| *b == b' ' || *b == b'\t')
            .position(|b| b == b'\t')
            .map(|col| Position::new(first_line + index, col + 1))
    })
}

/// Turns a serde-saphyr error into a diagnostic at its file position.
pub fn from_error(path: &str, error: &serde_saphyr::Error, first_line: usize) -> Diagnostic {
    let position = error
        .location()
        .map(|l| position(&l, first_line))
        .unwrap_or(Position::new(first_line, 1));
    let raw = error.without_snippet().to_string();
    let message = match raw.rfind(" at line ") {
        Some(cut) => raw[..cut].to_string(),
        None => raw,
    };
    let (message, hint) = plain_words(&message);
    let diagnostic = Diagnostic::at(path, position, message);
    match hint {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic,
    }
}

/// Rewrites the parser's wording for people who don't know YAML's vocabulary.
fn plain_words(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty())
            .collect();
        return (
            format!("unknown key `{field}`"),
            Some(suggestion(field, &expected)),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return (
            format!("the key `{key}` is written twice"),
            Some("keep one of the two lines".into()),
        );
    }
    let words = match message {
        m if m.starts_with("invalid i64") || m.starts_with("invalid u") => (
            "expected a whole number here",
            "write digits only, for example `90`",
        ),
        m if m.starts_with("invalid bool") => {
            ("expected `true` or `false` here", "write `true` or `false`")
        }
        m if m.contains("expected string scalar") => (
            "expected text here",
            "write the text on the same line, in quotes if it contains `:` or `#`",
        ),
        m if m.contains("expected `key: value` lines") => (
            "the front matter must be `key: value` lines",
            "write one `key: value` per line, for example `title: About Let's Connect`",
        ),
        m if m.contains("expected mapping") => (
            "expected `key: value` lines here",
            "write one `key: value` per line, as in the examples in the README",
        ),
        m if m.contains("expected sequence") || m.contains("expected a sequence") => (
            "expected a list here",
            "write a list as `[a, b]` or as lines starting with `- `",
        ),
        m if m.contains("budget") || m.contains("alias") => (
            "the front matter expands to too much data (too many aliases or nested levels)",
            "write the values out plainly; `&anchors` and `*aliases` are not needed in records",
        ),
        _ => {
            return (
                format!("this is not valid YAML: {message}"),
                Some(yaml_hint(message)),
            );
        }
    };
    (words.0.to_string(), Some(words.1.to_string()))
}

fn yaml_hint(message: &str) -> String {
    if message.contains("mapping values are not allowed") {
        "put text that contains `: ` in quotes, for example `title: \"Part 1: basics\"`".into()
    } else {
        "check the line for a missing quote, bracket or colon".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::records::RawClinic;

    fn errors(yaml: &str) -> Vec<String> {
        parse::<RawClinic>(
            "c.md",
            yaml,
            2,
            "clinic",
            crate::content::kinds::CLINIC.keys(),
        )
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|d| d.to_string())
        .collect()
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion() {
        assert_eq!(
            errors("title: A\nlevel: [newcomer]\ntopic: [x]\n"),
            [
                "c.md:3:1: error: unknown key `level` in a clinic\n  hint: did you mean `levels`?",
                "c.md:4:1: error: unknown key `topic` in a clinic\n  hint: did you mean `topics`?",
            ]
        );
    }

    #[test]
    fn only_plain_known_keys_skip_listing_the_keys() {
        let known = ["title", "levels"];
        let yes = [
            "title: A\nlevels: [x]\n",
            "# a note\ntitle: A\nlevels:\n  - x\n  # indented note\n",
            "title: >\n  folded text: with a colon\nlevels: []\r\n",
        ];
        for yaml in yes {
            assert!(only_known_keys(yaml, &known), "{yaml:?}");
        }
        let no = [
            "title: A\nlevel: [x]\n",
            "  title: A\n  levels: [x]\n",
            "\"title\": A\n",
            "{title: A}\n",
            "? title\n: A\n",
            "title:A\n",
            "title : A\n",
            "&x title: A\n",
            "title: A\n---\nlevels: []\n",
            "- title\n",
            "# only a comment\n",
        ];
        for yaml in no {
            assert!(!only_known_keys(yaml, &known), "{yaml:?}");
        }
    }

    #[test]
    fn one_parse_gives_what_listing_the_keys_gives() {
        let cases = [
            "title: A\nlevels: [newcomer]\nduration: 60\n",
            "title: A\nduration: two hours\n",
            "title: A\nduration: two hours\nlevels: [x\n",
            "title: A\nlevels: [x\n",
            "title: A\ntitle: B\n",
            "title: A\nlevel: x\nduration: two hours\n",
            "title: A\n  levels: [x]\n",
            "title: \"A\nlevels: B\"\n",
        ];
        let show = |result: Result<RawClinic, Vec<Diagnostic>>| match result {
            Ok(clinic) => format!("{clinic:?}"),
            Err(errors) => format!("{errors:?}"),
        };
        for yaml in cases {
            let known = crate::content::kinds::CLINIC.keys();
            assert_eq!(
                show(parse("c.md", yaml, 2, "clinic", known)),
                show(parse_listing_keys("c.md", yaml, 2, "clinic", known)),
                "{yaml:?}"
            );
        }
    }

    #[test]
    fn wrong_types_are_explained() {
        assert_eq!(
            errors("title: A\nduration: two hours\n"),
            [
                "c.md:3:11: error: expected a whole number here\n  hint: write digits only, for example `90`"
            ]
        );
    }

    #[test]
    fn tabs_in_indentation_are_pinpointed() {
        assert_eq!(
            errors("title: A\nlevels:\n\t- newcomer\n")[0]
                .lines()
                .next()
                .unwrap(),
            "c.md:4:1: error: a tab is used to indent this line"
        );
    }

    #[test]
    fn an_alias_bomb_is_refused() {
        let mut yaml = String::from("title: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut previous = "a".to_string();
        for name in ["b", "c", "d", "e", "f", "g", "h"] {
            yaml.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{previous}"); 10].join(", ")
            ));
            previous = name.to_string();
        }
        assert!(!errors(&yaml).is_empty());
    }
}
