//! Writing a catalogue as GNU gettext (`msgcat`, `msgmerge`) writes it:
//! comments in gettext's order, references wrapped at 79 columns, strings
//! escaped and wrapped by [`super::wrap`], obsolete messages last.

use super::wrap::{PAGE_WIDTH, field};
use super::{Catalog, Message};

/// The catalogue as a PO (or POT) file.
pub fn write(catalog: &Catalog) -> String {
    let mut out = String::new();
    let live = catalog.header.iter().chain(&catalog.messages);
    for message in live {
        if !out.is_empty() {
            out.push('\n');
        }
        message_text(&mut out, message, false);
    }
    for message in &catalog.obsolete {
        if !out.is_empty() {
            out.push('\n');
        }
        message_text(&mut out, message, true);
    }
    out
}

/// One message; an obsolete one keeps only its translator comments and flags.
fn message_text(out: &mut String, message: &Message, obsolete: bool) {
    comments(out, "#", &message.translator_comments);
    if !obsolete {
        comments(out, "#.", &message.extracted_comments);
        references(out, &message.references);
    }
    if !message.flags.is_empty() {
        out.push_str(&format!("#, {}\n", message.flags.join(", ")));
    }
    let (prefix, previous) = if obsolete {
        ("#~ ", "#~| ")
    } else {
        ("", "#| ")
    };
    if let Some(ctxt) = &message.previous_msgctxt {
        field(out, previous, "msgctxt", ctxt);
    }
    if let Some(id) = &message.previous_msgid {
        field(out, previous, "msgid", id);
    }
    if let Some(plural) = &message.previous_msgid_plural {
        field(out, previous, "msgid_plural", plural);
    }
    if let Some(ctxt) = &message.msgctxt {
        field(out, prefix, "msgctxt", ctxt);
    }
    field(out, prefix, "msgid", &message.msgid);
    match &message.msgid_plural {
        Some(plural) => {
            field(out, prefix, "msgid_plural", plural);
            for (i, text) in message.msgstr.iter().enumerate() {
                field(out, prefix, &format!("msgstr[{i}]"), text);
            }
        }
        None => {
            let text = message.msgstr.first().map_or("", String::as_str);
            field(out, prefix, "msgstr", text);
        }
    }
}

/// `# text` or `#. text` lines; an empty comment is the bare marker.
fn comments(out: &mut String, marker: &str, lines: &[String]) {
    for line in lines {
        out.push_str(marker);
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// `#:` lines, a new one whenever the next reference would pass column 79.
fn references(out: &mut String, refs: &[String]) {
    if refs.is_empty() {
        return;
    }
    out.push_str("#:");
    let mut column = 2;
    for reference in refs {
        let len = reference.chars().count() + 1;
        if column > 2 && column + len > PAGE_WIDTH {
            out.push_str("\n#:");
            column = 2;
        }
        out.push(' ');
        out.push_str(reference);
        column += len;
    }
    out.push('\n');
}
