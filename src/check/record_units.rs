//! A record's translation units, as gettext messages: its text fields
//! (title, summary, a topic's description, a sharer's role, each takeaway,
//! each resource label) and its body's units ([`crate::content::units`]),
//! and the template (POT) made of them.
//!
//! Every record kind goes through [`crate::check::blocks::TextBlocks`], so
//! the list of translatable fields is the one table of [`field_name`]:
//! a new translatable field needs a row there and nothing else here.

use crate::content::units::{self, BodyUnit};
use crate::gettext::{Catalog, Message};

use super::blocks::TextBlocks;

/// One unit of a record: where it is (its block's role) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The block it belongs to (`title`, `takeaway-2`, `body-3`).
    pub role: String,
    /// What a translator is told it is (`takeaway 2`, `body: paragraph`).
    pub field: String,
    /// Its text: the msgid.
    pub text: String,
    /// For a body unit, its place among the body's units.
    pub body_index: Option<usize>,
}

/// A record's units, and its body's (to put translations back).
#[derive(Debug, Clone, Default)]
pub struct RecordUnits {
    /// Every unit, fields first, then the body's, in reading order.
    pub units: Vec<Unit>,
    /// The body's units.
    pub body: Vec<BodyUnit>,
}

/// What a translator is told a field is, from its block's role: the table
/// of translatable fields (the body's units name themselves).
pub fn field_name(role: &str) -> String {
    let numbered =
        |prefix: &str, name: &str| role.strip_prefix(prefix).map(|n| format!("{name} {n}"));
    numbered("takeaway-", "takeaway")
        .or_else(|| numbered("label-", "resource label"))
        .unwrap_or_else(|| role.to_string())
}

/// The units of `text`, the source text of one record.
pub fn record_units<T: TextBlocks>(text: &T) -> RecordUnits {
    let body = text.body();
    let body_units = units::body_units(&body.markdown);
    let mut out = Vec::with_capacity(8 + body_units.len());
    for block in text.blocks() {
        if block.role.starts_with("body-") {
            continue;
        }
        let msgid = block.text.trim();
        if !msgid.is_empty() {
            out.push(Unit {
                field: field_name(&block.role),
                role: block.role,
                text: msgid.to_string(),
                body_index: None,
            });
        }
    }
    let mut block = 0;
    for (i, unit) in body_units.iter().enumerate() {
        while body
            .block_spans
            .get(block)
            .is_some_and(|span| span.end <= unit.span.start)
        {
            block += 1;
        }
        out.push(Unit {
            role: format!("body-{}", block + 1),
            field: unit.kind.field().to_string(),
            text: unit.text.clone(),
            body_index: Some(i),
        });
    }
    RecordUnits {
        units: out,
        body: body_units,
    }
}

/// The header of a record's template (`lang` `None`) or PO file, with the
/// fields `msgfmt --check` asks for, in the order gettext writes them, and
/// no dates: a template changes only when its messages do.
pub fn header(lang: Option<&str>) -> Message {
    let mut catalog = Catalog::default();
    let fields = [
        ("Project-Id-Version", "tandem"),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("Language", lang.unwrap_or_default()),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ];
    for (name, value) in fields {
        catalog.set_header_field(name, value);
    }
    if let Some((n, expression)) = lang.and_then(crate::gettext::plural_forms) {
        let forms = format!("nplurals={n}; plural={expression};");
        catalog.set_header_field("Plural-Forms", &forms);
    }
    catalog.header.unwrap_or_default()
}

/// The template of a record: one message per distinct unit text, in
/// reading order, each noting every field it is and the record's title.
pub fn template(units: &RecordUnits, title: &str, path: &str) -> Catalog {
    let mut messages: Vec<Message> = Vec::with_capacity(units.units.len());
    let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for unit in &units.units {
        let at = *seen.entry(unit.text.as_str()).or_insert_with(|| {
            let mut message = Message::new(None, unit.text.clone());
            message.references.push(path.to_string());
            messages.push(message);
            messages.len() - 1
        });
        let comments = &mut messages[at].extracted_comments;
        if !comments.contains(&unit.field) {
            comments.push(unit.field.clone());
        }
    }
    let record = format!("record: {}", one_line(title));
    for message in &mut messages {
        message.extracted_comments.push(record.clone());
    }
    Catalog {
        header: Some(header(None)),
        messages,
        obsolete: Vec::new(),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{Body, TitledText};

    fn page(title: &str, markdown: &str) -> TitledText {
        let mut outline = crate::content::markdown::outline(markdown, 1);
        TitledText {
            title: title.into(),
            summary: Some("In short.".into()),
            body: super::super::records::body_from(markdown.into(), 1, &mut outline),
        }
    }

    #[test]
    fn units_name_their_field_and_block() {
        let text = page("About", "# About\n\nOne.\n\n- a\n- b\n");
        let units = record_units(&text);
        let shown: Vec<(&str, &str, &str)> = units
            .units
            .iter()
            .map(|u| (u.role.as_str(), u.field.as_str(), u.text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("title", "title", "About"),
                ("summary", "summary", "In short."),
                ("body-1", "body: heading", "About"),
                ("body-2", "body: paragraph", "One."),
                ("body-3", "body: list item", "a"),
                ("body-3", "body: list item", "b"),
            ]
        );
        let pot = template(&units, "About", "content/pages/about.md");
        assert_eq!(
            pot.messages.len(),
            5,
            "the title and the heading share one message"
        );
        assert_eq!(
            pot.messages[0].extracted_comments,
            ["title", "body: heading", "record: About"]
        );
        assert_eq!(pot.messages[0].references, ["content/pages/about.md"]);
        let _ = Body::default();
    }

    #[test]
    fn fields_are_named_for_translators() {
        assert_eq!(field_name("takeaway-2"), "takeaway 2");
        assert_eq!(field_name("label-1"), "resource label 1");
        assert_eq!(field_name("description"), "description");
    }
}
