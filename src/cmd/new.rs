//! `tandem new KIND "Title"`: writes a record with every field, each with a
//! comment saying what it is for, so an editor fills in a form rather than
//! remembering the spec. Never overwrites a file.

use std::path::Path;

use crate::cli::Kind;
use crate::vocab;

/// Runs `tandem new`.
pub(crate) fn run(kind: Kind, title: &str, root: &Path, today: Option<&str>) -> Result<(), String> {
    let today = super::today(today)?;
    let date = crate::render::dates::iso_date(today);
    let slug = vocab::slugify(&deunicode::deunicode(title));
    if slug.is_empty() {
        return Err(format!(
            "error: can't make a file name from \"{title}\"\n  hint: give a title with some letters or digits"
        ));
    }
    let (folder, file_slug) = match kind {
        Kind::Clinic => ("clinics", format!("{}-{slug}", &date[..7])),
        Kind::Sharer => ("sharers", slug),
        Kind::Topic => ("topics", slug),
        Kind::Newsletter => ("newsletter", slug),
        Kind::Page => ("pages", slug),
    };
    let relative = format!("content/{folder}/{file_slug}.md");
    let path = root.join(&relative);
    if path.exists() {
        return Err(format!(
            "error: {relative} already exists; nothing was written\n  hint: choose another title, or edit the existing file"
        ));
    }
    let text = scaffold(kind, title, &date);
    let write = || -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        std::io::Write::write_all(&mut file, text.as_bytes())
    };
    write().map_err(|e| format!("error: cannot write {relative}: {e}"))?;
    println!("Created {relative}");
    Ok(())
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The text of a new record.
pub(crate) fn scaffold(kind: Kind, title: &str, date: &str) -> String {
    let title = quoted(title);
    match kind {
        Kind::Clinic => format!(
            r#"---
title: {title}  # required: the session's name
date: {date}T14:00:00+00:00  # required: start, with its UTC offset (+00:00 is UTC)
duration: 120  # length in minutes
format: clinic  # clinic | connectathon | circle | workshop
levels: [newcomer]  # who it is for: newcomer and/or experienced (required from 2025-08-01)
topics: []  # topic slugs: file names in content/topics/ without .md
sharers: []  # sharer slugs: file names in content/sharers/ without .md
region: cross-regional  # ssa | mena | south-asia | eseap | ceeca | nwe | lac | usca | cross-regional
languages: [en]  # languages it was held or interpreted in
summary: >  # the bite-size summary: at most 60 words
  One or two sentences a busy reader can take in at a glance.
takeaways:  # 3 to 7 key learnings, one line each
  - The first thing participants took home.
  - The second.
  - The third.
resources:  # recordings and slides; each url must start with https://
  - {{kind: video, url: "https://example.org/recording", label: Recording, lang: en}}
  # a part of a recording: start: "5:30", end: "6:15"; chapters: [{{at: "12:00", title: Questions}}]
join: ""  # optional: the https:// address where people join online; delete the line if none
series: ""  # optional: a name grouping several sessions; delete the line if none
draft: true  # delete this line when the record is ready to publish
---
What happened in the session, in Markdown. Link to another record with
`[its title](@/clinics/<slug>.md)`.
"#
        ),
        Kind::Sharer => format!(
            r#"---
name: {title}  # required: the person's or affiliate's name
role: ""  # their role in the programme, if any (for example "MENA liaison")
affiliation: ""  # their affiliate or organisation
region: ssa  # ssa | mena | south-asia | eseap | ceeca | nwe | lac | usca | cross-regional
country: ""  # their country, if they want it shown
languages: [en]  # languages they can share in
skills: []  # topic slugs they can share about
links: []  # for example [{{label: Meta-Wiki, url: "https://meta.wikimedia.org/wiki/User:Example"}}]
draft: true  # delete this line when the record is ready to publish
---
A short bio, in their own words if possible.
"#
        ),
        Kind::Topic => format!(
            r#"---
title: {title}  # required: the topic's name
category: organisational  # required: funding | programmatic | organisational | technical | interpersonal
description: ""  # one or two sentences about the topic
---
More about the topic (optional).
"#
        ),
        Kind::Newsletter => format!(
            r#"---
issue: 1  # required: the issue number, unique
date: {date}  # publication date, YYYY-MM-DD
title: {title}  # required: the issue's title
summary: ""  # one or two sentences about the issue
clinics: []  # clinic slugs featured as cards
draft: true  # delete this line when the issue is ready to publish
---
The issue, in Markdown.
"#
        ),
        Kind::Page => format!(
            r#"---
title: {title}  # required: the page's title
summary: ""  # one or two sentences about the page
menu: 10  # position in the main navigation; delete the line to leave it out
draft: true  # delete this line when the page is ready to publish
---
The page, in Markdown.
"#
        ),
    }
}
