//! Reading a PO or POT file into a [`Catalog`], with every problem reported
//! at its line and column and a hint, as `msgfmt` would point at it.

use super::{Catalog, Message};
use crate::diagnostic::{Diagnostic, Position};

/// Which string a continuation line (`"…"`) extends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Ctxt,
    Id,
    IdPlural,
    Str(usize),
    PrevCtxt,
    PrevId,
    PrevIdPlural,
}

/// The message being read.
#[derive(Default)]
struct Builder {
    message: Message,
    obsolete: bool,
    target: Option<Target>,
    has_msgid: bool,
    has_msgstr: bool,
}

struct Reader<'a> {
    path: &'a str,
    catalog: Catalog,
    current: Builder,
    seen: std::collections::HashSet<(Option<String>, String)>,
}

/// Parses the PO or POT text of the file at `path` (shown in diagnostics).
pub fn parse(path: &str, text: &str) -> Result<Catalog, Diagnostic> {
    let mut reader = Reader {
        path,
        catalog: Catalog::default(),
        current: Builder::default(),
        seen: Default::default(),
    };
    for (i, line) in text.lines().enumerate() {
        reader.line(i + 1, line)?;
    }
    reader.finish(text.lines().count().max(1))?;
    Ok(reader.catalog)
}

impl Reader<'_> {
    fn error(&self, line: usize, column: usize, message: &str, hint: &str) -> Diagnostic {
        Diagnostic::at(self.path, Position::new(line, column), message).hint(hint)
    }

    fn line(&mut self, n: usize, raw: &str) -> Result<(), Diagnostic> {
        let indent = raw.len() - raw.trim_start().len();
        let line = raw.trim();
        if line.is_empty() {
            return Ok(());
        }
        let col = indent + 1;
        if let Some(rest) = line.strip_prefix("#~") {
            match rest.strip_prefix('|') {
                Some(prev) => self.previous(n, col + 3, prev)?,
                None => self.keyword(n, col + 2, rest)?,
            }
            self.current.obsolete = true;
            return Ok(());
        }
        if let Some(prev) = line.strip_prefix("#|") {
            return self.previous(n, col + 2, prev);
        }
        if let Some(rest) = line.strip_prefix('#') {
            self.comment(n, rest)?;
            return Ok(());
        }
        self.keyword(n, col, line)
    }

    /// Starts a new message if the current one is complete.
    fn boundary(&mut self, n: usize) -> Result<(), Diagnostic> {
        if self.current.has_msgstr {
            self.finish(n)?;
        } else if self.current.has_msgid {
            return Err(self.error(
                n,
                1,
                "a new message starts before this one's `msgstr`",
                "every `msgid` needs a `msgstr` line after it (write `msgstr \"\"` if untranslated)",
            ));
        }
        Ok(())
    }

    fn comment(&mut self, n: usize, rest: &str) -> Result<(), Diagnostic> {
        self.boundary(n)?;
        let m = &mut self.current.message;
        let strip = |s: &str| s.strip_prefix(' ').unwrap_or(s).to_string();
        if let Some(text) = rest.strip_prefix('.') {
            m.extracted_comments.push(strip(text));
        } else if let Some(text) = rest.strip_prefix(':') {
            m.references
                .extend(text.split_whitespace().map(str::to_string));
        } else if let Some(text) = rest.strip_prefix(',') {
            m.flags.extend(
                text.split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string),
            );
        } else {
            m.translator_comments.push(strip(rest));
        }
        Ok(())
    }

    fn previous(&mut self, n: usize, col: usize, rest: &str) -> Result<(), Diagnostic> {
        let trimmed = rest.trim_start();
        let col = col + rest.len() - trimmed.len();
        if trimmed.starts_with('"') {
            let target = self
                .current
                .target
                .filter(|t| matches!(t, Target::PrevCtxt | Target::PrevId | Target::PrevIdPlural));
            let Some(target) = target else {
                return Err(self.error(
                    n,
                    col,
                    "a `#|` string continues nothing",
                    "put it under a `#| msgid` line",
                ));
            };
            let value = self.string(n, col, trimmed)?;
            self.append(target, &value);
            return Ok(());
        }
        self.boundary(n)?;
        let (word, after) = split_word(trimmed);
        let target = match word {
            "msgctxt" => Target::PrevCtxt,
            "msgid" => Target::PrevId,
            "msgid_plural" => Target::PrevIdPlural,
            _ => {
                return Err(self.error(
                    n,
                    col,
                    &format!("unknown `#|` keyword `{word}`"),
                    "`#|` lines hold the previous `msgctxt`, `msgid` or `msgid_plural`",
                ));
            }
        };
        let value = self.string(
            n,
            col + word.len() + (after.len() - after.trim_start().len()),
            after.trim_start(),
        )?;
        let m = &mut self.current.message;
        match target {
            Target::PrevCtxt => m.previous_msgctxt = Some(value),
            Target::PrevId => m.previous_msgid = Some(value),
            _ => m.previous_msgid_plural = Some(value),
        }
        self.current.target = Some(target);
        Ok(())
    }

    fn keyword(&mut self, n: usize, col: usize, rest: &str) -> Result<(), Diagnostic> {
        let trimmed = rest.trim_start();
        let col = col + rest.len() - trimmed.len();
        if trimmed.starts_with('"') {
            let Some(target) = self.current.target else {
                return Err(self.error(
                    n,
                    col,
                    "a string that continues nothing",
                    "a line starting with `\"` continues the `msgid` or `msgstr` above it",
                ));
            };
            let value = self.string(n, col, trimmed)?;
            self.append(target, &value);
            return Ok(());
        }
        let (word, after) = split_word(trimmed);
        let value_col = col + word.len() + (after.len() - after.trim_start().len());
        let target = self.target_of(n, col, word)?;
        let value = self.string(n, value_col, after.trim_start())?;
        self.set(n, target, value);
        Ok(())
    }

    fn target_of(&mut self, n: usize, col: usize, word: &str) -> Result<Target, Diagnostic> {
        let b = &self.current;
        match word {
            "msgctxt" | "msgid" => {
                self.boundary(n)?;
                Ok(if word == "msgctxt" { Target::Ctxt } else { Target::Id })
            }
            "msgid_plural" if b.has_msgid && !b.has_msgstr => Ok(Target::IdPlural),
            "msgstr" if b.has_msgid && b.message.msgstr.is_empty() => Ok(Target::Str(0)),
            w if w.starts_with("msgstr[") && w.ends_with(']') && b.has_msgid => {
                let index: Option<usize> = w["msgstr[".len()..w.len() - 1].parse().ok();
                match index {
                    Some(i) if i == b.message.msgstr.len() && b.message.msgid_plural.is_some() => Ok(Target::Str(i)),
                    _ => Err(self.error(n, col, &format!("`{w}` is out of order"), "a message with `msgid_plural` has `msgstr[0]`, `msgstr[1]`… in order, one per plural form")),
                }
            }
            "msgid_plural" | "msgstr" => Err(self.error(n, col, &format!("`{word}` is not where it belongs"), "a message is `msgctxt` (optional), `msgid`, `msgid_plural` (optional), then `msgstr`")),
            _ => Err(self.error(n, col, &format!("unknown keyword `{word}`"), "PO lines are comments (`#`), `msgctxt`, `msgid`, `msgid_plural`, `msgstr`, `msgstr[N]` or a continued `\"string\"`")),
        }
    }

    fn set(&mut self, n: usize, target: Target, value: String) {
        let b = &mut self.current;
        match target {
            Target::Ctxt => b.message.msgctxt = Some(value),
            Target::Id => {
                b.message.msgid = value;
                b.message.line = n;
                b.has_msgid = true;
            }
            Target::IdPlural => b.message.msgid_plural = Some(value),
            Target::Str(_) => {
                b.message.msgstr.push(value);
                b.has_msgstr = true;
            }
            _ => {}
        }
        b.target = Some(target);
    }

    fn append(&mut self, target: Target, value: &str) {
        let m = &mut self.current.message;
        let slot = match target {
            Target::Ctxt => m.msgctxt.get_or_insert_with(String::new),
            Target::Id => &mut m.msgid,
            Target::IdPlural => m.msgid_plural.get_or_insert_with(String::new),
            Target::Str(i) => match m.msgstr.get_mut(i) {
                Some(s) => s,
                None => return,
            },
            Target::PrevCtxt => m.previous_msgctxt.get_or_insert_with(String::new),
            Target::PrevId => m.previous_msgid.get_or_insert_with(String::new),
            Target::PrevIdPlural => m.previous_msgid_plural.get_or_insert_with(String::new),
        };
        slot.push_str(value);
    }

    /// Ends the current message at line `n` and files it.
    fn finish(&mut self, n: usize) -> Result<(), Diagnostic> {
        let b = std::mem::take(&mut self.current);
        if !b.has_msgid {
            return Ok(());
        }
        if !b.has_msgstr {
            return Err(self.error(
                n,
                1,
                "this message has no `msgstr`",
                "write `msgstr \"\"` after its `msgid`",
            ));
        }
        let m = b.message;
        if b.obsolete {
            self.catalog.obsolete.push(m);
        } else if m.msgid.is_empty()
            && m.msgctxt.is_none()
            && self.catalog.header.is_none()
            && self.catalog.messages.is_empty()
        {
            self.catalog.header = Some(m);
        } else {
            let key = (m.msgctxt.clone(), m.msgid.clone());
            if !self.seen.insert(key) {
                return Err(self.error(
                    m.line,
                    1,
                    "this message is a duplicate of an earlier one",
                    "each `msgctxt` and `msgid` pair may appear once; merge the two",
                ));
            }
            self.catalog.messages.push(m);
        }
        Ok(())
    }

    /// A quoted string at column `col` of line `n`, unescaped.
    fn string(&self, n: usize, col: usize, text: &str) -> Result<String, Diagnostic> {
        let mut chars = text.char_indices().peekable();
        if chars.next().map(|(_, c)| c) != Some('"') {
            return Err(self.error(
                n,
                col,
                "a quoted string is expected here",
                "write the text between double quotes: \"…\"",
            ));
        }
        let mut out = String::new();
        while let Some((i, c)) = chars.next() {
            let at = col + text[..i].chars().count();
            match c {
                '"' => {
                    let tail = &text[i + 1..];
                    if !tail.trim().is_empty() {
                        return Err(self.error(
                            n,
                            at + 1,
                            "text after the closing quote",
                            "escape a quote inside a string as \\\"",
                        ));
                    }
                    return Ok(out);
                }
                '\\' => {
                    let Some((_, e)) = chars.next() else { break };
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'a' => out.push('\u{7}'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'v' => out.push('\u{b}'),
                        '\\' | '"' | '\'' | '?' => out.push(e),
                        _ => return Err(self.error(
                            n,
                            at,
                            &format!("unknown escape sequence `\\{e}`"),
                            "PO strings know \\n, \\t, \\\" and \\\\; write a backslash as \\\\",
                        )),
                    }
                }
                _ => out.push(c),
            }
        }
        Err(self.error(
            n,
            col,
            "this string has no closing quote",
            "end the string with \" on the same line",
        ))
    }
}

/// The first word of `text` and what follows it.
fn split_word(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| c.is_whitespace() || c == '"')
        .unwrap_or(text.len());
    (&text[..end], &text[end..])
}
