//! GNU gettext catalogues (PO and POT files): the model, a parser with
//! diagnostics, a writer whose output is byte-identical to `msgcat`'s, the
//! `msgmerge --previous` update, and `Plural-Forms` derived from CLDR.
//!
//! Translators' tools (Weblate, Pontoon, Poedit, translatewiki.net) all read
//! and write these files, and rewrite them with GNU gettext's layout: writing
//! the same bytes as gettext keeps every tool's round trip free of noise.

mod linebreak;
mod merge;
mod parse;
mod plural;
mod wrap;
mod write;

pub use merge::{similarity, update};
pub use parse::parse;
pub use plural::rules as plural_rules;
pub use plural::{categories, category_index, plural_forms};

#[cfg(test)]
mod tests;
pub use write::write;

/// One catalogue: the header, the live messages in order, the obsolete ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The header entry (`msgid ""`), whose `msgstr[0]` holds `Name: value\n` lines.
    pub header: Option<Message>,
    /// The live messages, in file order.
    pub messages: Vec<Message>,
    /// The obsolete messages (`#~`), kept so that no translation is lost.
    pub obsolete: Vec<Message>,
}

/// One message (translation unit).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Message {
    /// `# ` comments, the translators' own.
    pub translator_comments: Vec<String>,
    /// `#.` comments, notes for translators written by the extractor.
    pub extracted_comments: Vec<String>,
    /// `#:` references, written without line numbers.
    pub references: Vec<String>,
    /// `#,` flags, such as `fuzzy`.
    pub flags: Vec<String>,
    /// `#| msgctxt`: the context the translation was made for, when fuzzy.
    pub previous_msgctxt: Option<String>,
    /// `#| msgid`: the source text the translation was made for, when fuzzy.
    pub previous_msgid: Option<String>,
    /// `#| msgid_plural`.
    pub previous_msgid_plural: Option<String>,
    /// The context (for the interface strings, the key).
    pub msgctxt: Option<String>,
    /// The source text.
    pub msgid: String,
    /// The source plural, when the message has plural forms.
    pub msgid_plural: Option<String>,
    /// The translation: one, or one per plural form.
    pub msgstr: Vec<String>,
    /// 1-based line of `msgid` in the file read, for diagnostics (0 when built in memory).
    pub line: usize,
}

impl Message {
    /// A message with a context, a source text and an empty translation.
    pub fn new(msgctxt: Option<String>, msgid: impl Into<String>) -> Self {
        Message {
            msgctxt,
            msgid: msgid.into(),
            msgstr: vec![String::new()],
            ..Message::default()
        }
    }

    /// True when the `fuzzy` flag is set: the translation is outdated.
    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }

    /// True when every translation is non-empty and the message is not fuzzy
    /// (what `msgfmt` and Translate count as translated).
    pub fn is_translated(&self) -> bool {
        !self.is_fuzzy() && !self.msgstr.is_empty() && self.msgstr.iter().all(|s| !s.is_empty())
    }

    /// Sets or clears the `fuzzy` flag (kept first, as gettext writes it).
    pub fn set_fuzzy(&mut self, fuzzy: bool) {
        self.flags.retain(|f| f != "fuzzy");
        if fuzzy {
            self.flags.insert(0, "fuzzy".to_string());
        }
    }

    /// The key a message is matched by: context and source text.
    pub(crate) fn key(&self) -> (Option<&str>, &str) {
        (self.msgctxt.as_deref(), self.msgid.as_str())
    }
}

impl Catalog {
    /// The value of header field `name` (`Language`, `Plural-Forms`...).
    pub fn header_field(&self, name: &str) -> Option<&str> {
        let text = self.header.as_ref()?.msgstr.first()?;
        text.lines().find_map(|line| {
            let (field, value) = line.split_once(':')?;
            (field.trim() == name).then(|| value.trim())
        })
    }

    /// Sets header field `name`, replacing its line or appending one.
    pub fn set_header_field(&mut self, name: &str, value: &str) {
        let header = self
            .header
            .get_or_insert_with(|| Message::new(None, String::new()));
        if header.msgstr.is_empty() {
            header.msgstr.push(String::new());
        }
        let mut out = String::new();
        let mut found = false;
        for line in header.msgstr[0].split_inclusive('\n') {
            match line.split_once(':') {
                Some((field, _)) if field.trim() == name => {
                    out.push_str(&format!("{name}: {value}\n"));
                    found = true;
                }
                _ => out.push_str(line),
            }
        }
        if !found {
            out.push_str(&format!("{name}: {value}\n"));
        }
        header.msgstr[0] = out;
    }

    /// The number of plural forms the header's `Plural-Forms` declares.
    pub fn nplurals(&self) -> Option<usize> {
        let forms = self.header_field("Plural-Forms")?;
        let start = forms.find("nplurals=")? + "nplurals=".len();
        let digits: String = forms[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    }

    /// Translated (non-fuzzy) messages and all messages, Translate's measure of completeness.
    pub fn completeness(&self) -> (usize, usize) {
        let done = self.messages.iter().filter(|m| m.is_translated()).count();
        (done, self.messages.len())
    }
}
