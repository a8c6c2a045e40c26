//! JSON Schemas of the record formats and of `site.yaml`, generated from the
//! same Rust types that read them (schemars), so editors' tools can offer
//! completion and flag mistakes before `tandem check` does.

use schemars::{JsonSchema, schema_for};

use crate::config::RawSiteConfig;
use crate::content::records::{RawClinic, RawIssue, RawPage, RawSharer, RawTopic};

/// Every schema: file name and JSON text.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        (
            "clinic.schema.json",
            render::<RawClinic>("A Let's Connect clinic (content/clinics/*.md front matter)"),
        ),
        (
            "sharer.schema.json",
            render::<RawSharer>("A sharer (content/sharers/*.md front matter)"),
        ),
        (
            "topic.schema.json",
            render::<RawTopic>("A topic of the skills taxonomy (content/topics/*.md front matter)"),
        ),
        (
            "newsletter.schema.json",
            render::<RawIssue>("A newsletter issue (content/newsletter/*.md front matter)"),
        ),
        (
            "page.schema.json",
            render::<RawPage>("A free page (content/pages/*.md front matter)"),
        ),
        (
            "site.schema.json",
            render::<RawSiteConfig>("Site settings (content/site.yaml)"),
        ),
    ]
}

fn render<T: JsonSchema>(title: &str) -> String {
    let mut schema = schema_for!(T);
    schema.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema file for a record folder.
pub fn file_for(section: crate::content::Section) -> &'static str {
    use crate::content::Section;
    match section {
        Section::Clinics => "clinic.schema.json",
        Section::Sharers => "sharer.schema.json",
        Section::Topics => "topic.schema.json",
        Section::Newsletter => "newsletter.schema.json",
        Section::Pages => "page.schema.json",
    }
}
