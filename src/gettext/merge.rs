//! `msgmerge --previous`: a translation catalogue brought up to date with
//! its template, without losing a translator's work.
//!
//! As GNU msgmerge: messages follow the template's order; a message found by
//! context and source text keeps its translation; one that is not is matched
//! by similarity (gettext's `fstrcmp`, above 0.6, any context, a same-context
//! or context-free candidate winning ties) and kept fuzzy with the previous
//! source in `#|`; the rest start untranslated. Translated messages the
//! template no longer has become obsolete (`#~`); obsolete ones that return
//! are revived.

use std::collections::HashMap;

use super::{Catalog, Message};

/// gettext's `FUZZY_THRESHOLD`.
const THRESHOLD: f64 = 0.6;

/// `po` merged with `template`, as `msgmerge --previous po template` writes it.
pub fn update(template: &Catalog, po: &Catalog) -> Catalog {
    let nplurals = po.nplurals().unwrap_or(2);
    let mut header = po.header.clone().or_else(|| template.header.clone());
    if let (Some(date), Some(h)) = (template.header_field("POT-Creation-Date"), header.as_ref()) {
        let mut holder = Catalog {
            header: Some(h.clone()),
            ..Catalog::default()
        };
        holder.set_header_field("POT-Creation-Date", date);
        header = holder.header;
    }
    let defs: Vec<&Message> = po.messages.iter().chain(&po.obsolete).collect();
    let exact: HashMap<(Option<&str>, &str), usize> = defs
        .iter()
        .enumerate()
        .rev()
        .map(|(i, m)| (m.key(), i))
        .collect();
    let mut used = vec![false; defs.len()];
    let mut messages = Vec::with_capacity(template.messages.len());
    for reference in &template.messages {
        let merged = match exact.get(&reference.key()) {
            Some(&i) => {
                used[i] = true;
                merge(reference, defs[i], false, nplurals)
            }
            None => match fuzzy(&defs, reference) {
                Some(i) => {
                    used[i] = true;
                    merge(reference, defs[i], true, nplurals)
                }
                None => untranslated(reference, nplurals),
            },
        };
        messages.push(merged);
    }
    let obsolete = defs
        .iter()
        .zip(&used)
        .filter(|(m, used)| !**used && m.msgstr.iter().any(|s| !s.is_empty()))
        .map(|(m, _)| obsolete_copy(m))
        .collect();
    Catalog {
        header,
        messages,
        obsolete,
    }
}

/// The template's message with the translation of `def`.
fn merge(reference: &Message, def: &Message, fuzzy: bool, nplurals: usize) -> Message {
    let plural_changed = reference.msgid_plural.is_some() != def.msgid_plural.is_some();
    let mut out = Message {
        translator_comments: def.translator_comments.clone(),
        extracted_comments: reference.extracted_comments.clone(),
        references: reference.references.clone(),
        flags: reference
            .flags
            .iter()
            .filter(|f| *f != "fuzzy")
            .cloned()
            .collect(),
        msgctxt: reference.msgctxt.clone(),
        msgid: reference.msgid.clone(),
        msgid_plural: reference.msgid_plural.clone(),
        msgstr: def.msgstr.clone(),
        ..Message::default()
    };
    if reference.msgid_plural.is_none() {
        out.msgstr.truncate(1);
    } else if def.msgid_plural.is_none() {
        // A singular translation stands for every plural form.
        let text = def.msgstr.first().cloned().unwrap_or_default();
        out.msgstr = vec![text; nplurals];
    }
    let becomes_fuzzy = fuzzy || plural_changed;
    if def.is_fuzzy() || becomes_fuzzy {
        out.set_fuzzy(true);
        if def.is_fuzzy() && def.previous_msgid.is_some() {
            out.previous_msgctxt = def.previous_msgctxt.clone();
            out.previous_msgid = def.previous_msgid.clone();
            out.previous_msgid_plural = def.previous_msgid_plural.clone();
        } else if becomes_fuzzy {
            out.previous_msgctxt = def.msgctxt.clone();
            out.previous_msgid = Some(def.msgid.clone());
            out.previous_msgid_plural = def.msgid_plural.clone();
        }
    }
    out
}

/// The template's message, untranslated (one empty form per plural form).
fn untranslated(reference: &Message, nplurals: usize) -> Message {
    let mut out = reference.clone();
    out.translator_comments.clear();
    out.previous_msgctxt = None;
    out.previous_msgid = None;
    out.previous_msgid_plural = None;
    out.set_fuzzy(false);
    let forms = if out.msgid_plural.is_some() {
        nplurals
    } else {
        1
    };
    out.msgstr = vec![String::new(); forms];
    out.line = 0;
    out
}

fn obsolete_copy(m: &Message) -> Message {
    let mut out = (*m).clone();
    out.extracted_comments.clear();
    out.references.clear();
    out
}

/// The index of the translated message of `defs` (live or obsolete) most like `reference`.
fn fuzzy(defs: &[&Message], reference: &Message) -> Option<usize> {
    let mut best = THRESHOLD;
    let mut found = None;
    for (i, def) in defs.iter().enumerate() {
        if def.msgstr.first().is_none_or(String::is_empty) {
            continue;
        }
        let same = def.msgctxt.is_none() || def.msgctxt == reference.msgctxt;
        let bonus = if same { 0.00001 } else { 0.0 };
        let weight = similarity(&reference.msgid, &def.msgid) + bonus;
        if weight > best {
            best = weight;
            found = Some(i);
        }
    }
    found
}

/// gettext's `fstrcmp`: 2 × (longest common subsequence) ÷ (total length), in bytes.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    (2 * row[b.len()]) as f64 / total as f64
}
