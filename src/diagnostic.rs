//! Diagnostics: the one shape every problem in an editor's file takes.
//!
//! Every stage that reads editor input (load, check) reports problems as
//! [`Diagnostic`]s instead of failing at the first one, so an editor sees every
//! mistake in one run. A diagnostic names the file (relative to the site root,
//! with `/` separators so output is the same on every platform), the 1-based
//! line and column, what is wrong, and a hint saying what to write instead.
//!
//! The printed form is grep- and editor-friendly:
//!
//! ```text
//! content/clinics/x.md:7:3: error: unknown key `level` in a clinic
//!   hint: did you mean `levels`?
//! ```

use std::fmt;

/// A place in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Position {
    /// The first character of a file.
    pub const START: Position = Position { line: 1, column: 1 };

    /// A position from a line and a column, both 1-based.
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

/// One problem found in an editor's file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// Where in the file; `None` when the problem is the whole file.
    pub position: Option<Position>,
    /// What is wrong, in one sentence without a trailing full stop.
    pub message: String,
    /// What to write instead.
    pub hint: Option<String>,
    /// Lines to copy, printed as they are under the hint: tandem's own
    /// text, never an editor's (the hint may quote an editor's text, and
    /// is escaped).
    pub example: Option<String>,
}

impl Diagnostic {
    /// A problem at a position in a file.
    pub fn at(path: impl Into<String>, position: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            position: Some(position),
            message: message.into(),
            hint: None,
            example: None,
        }
    }

    /// A problem with a whole file (it can't be read, it is in the wrong place...).
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            position: None,
            message: message.into(),
            hint: None,
            example: None,
        }
    }

    /// Adds the hint line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds lines to copy under the hint (tandem's own text only).
    pub fn example(mut self, example: &'static str) -> Self {
        self.example = Some(example.to_string());
        self
    }

    /// The GitHub Actions annotation form of this diagnostic.
    pub fn github_annotation(&self) -> String {
        let mut props = format!("file={}", escape_github_property(&visible(&self.path)));
        if let Some(p) = self.position {
            props.push_str(&format!(",line={},col={}", p.line, p.column));
        }
        let mut message = visible(&self.message).into_owned();
        if let Some(hint) = &self.hint {
            message.push_str("\nhint: ");
            message.push_str(&visible(hint));
        }
        if let Some(example) = &self.example {
            message.push('\n');
            message.push_str(example);
        }
        format!("::error {props}::{}", escape_github_data(&message))
    }
}

fn escape_github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_github_property(s: &str) -> String {
    escape_github_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// True for U+202A–U+202E and U+2066–U+2069, the controls that embed,
/// override or isolate a direction: in a title they reorder what follows
/// it on the page (a file name's extension shown reversed, say), and in a
/// message the line it is printed on.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with its control characters (ESC, BEL, line breaks…) and
/// direction controls written as escapes (`\u{1b}`, `\n`): a message
/// quotes an editor's text, and that text must not drive the terminal,
/// start a line of its own in a CI log, or reorder the line it is on.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() || is_bidi_control(c);
    if !text.chars().any(hidden) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, message) = (visible(&self.path), visible(&self.message));
        match self.position {
            Some(p) => write!(f, "{path}:{}:{}: error: {message}", p.line, p.column)?,
            None => write!(f, "{path}: error: {message}")?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", visible(hint))?;
        }
        if let Some(example) = &self.example {
            write!(f, "\n{example}")?;
        }
        Ok(())
    }
}

/// Diagnostics collected over a whole site, printed sorted by file and position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Records one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records many problems.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(more);
    }

    /// Adds every diagnostic of `more`.
    pub fn append(&mut self, more: Diagnostics) {
        self.0.extend(more.0);
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, sorted by path, then position, then message; duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort();
        self.0.dedup();
        self.0
    }

    /// `Ok(value)` when nothing was found, else the sorted problems.
    pub fn into_result<T>(self, value: T) -> Result<T, Vec<Diagnostic>> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self.into_sorted())
        }
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A hint naming the closest candidate, or else listing all of them.
pub fn suggestion(word: &str, candidates: &[&str]) -> String {
    match did_you_mean(word, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("use one of: {}", quoted_list(candidates)),
    }
}

/// `a`, `b`, `c` — for hints that list the allowed values.
pub fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {

    #[test]
    fn text_from_content_cannot_drive_the_terminal_or_forge_log_lines() {
        let d = Diagnostic::file(
            "content/pages/\u{1b}[2J.md",
            "`a\u{1b}]0;x\u{7}\n::error::forged\u{202E}` is not a date",
        )
        .hint("write it as `\n`:")
        .example("  2024-12-01");
        let human = d.to_string();
        assert_eq!(
            human,
            "content/pages/\\u{1b}[2J.md: error: `a\\u{1b}]0;x\\u{7}\\n::error::forged\\u{202e}` is not a date\n  hint: write it as `\\n`:\n  2024-12-01"
        );
        let github = d.github_annotation();
        assert_eq!(github.lines().count(), 1, "{github}");
        assert!(
            !github.contains('\u{1b}') && !github.contains('\u{7}'),
            "{github}"
        );
        assert!(github.contains("\\n::error::forged"), "{github}");
    }

    use super::*;

    #[test]
    fn prints_path_line_column_and_hint() {
        let d = Diagnostic::at(
            "content/clinics/x.md",
            Position::new(7, 3),
            "unknown key `level`",
        )
        .hint("did you mean `levels`?");
        assert_eq!(
            d.to_string(),
            "content/clinics/x.md:7:3: error: unknown key `level`\n  hint: did you mean `levels`?"
        );
    }

    #[test]
    fn suggests_the_closest_known_word() {
        assert_eq!(
            did_you_mean("level", ["title", "levels", "topics"]),
            Some("levels")
        );
        assert_eq!(did_you_mean("zzz", ["title", "levels"]), None);
    }

    #[test]
    fn sorts_by_file_then_position() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::at("b.md", Position::new(1, 1), "x"));
        all.push(Diagnostic::at("a.md", Position::new(9, 1), "y"));
        all.push(Diagnostic::at("a.md", Position::new(2, 5), "z"));
        let paths: Vec<_> = all
            .into_sorted()
            .into_iter()
            .map(|d| (d.path, d.position.unwrap().line))
            .collect();
        assert_eq!(
            paths,
            [("a.md".into(), 2), ("a.md".into(), 9), ("b.md".into(), 1)]
        );
    }

    #[test]
    fn github_annotations_escape_newlines() {
        let d = Diagnostic::at("c.md", Position::new(2, 4), "bad").hint("fix it");
        assert_eq!(
            d.github_annotation(),
            "::error file=c.md,line=2,col=4::bad%0Ahint: fix it"
        );
    }
}
