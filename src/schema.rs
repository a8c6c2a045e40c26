//! JSON Schemas of the record formats and of `site.yaml`, generated from the
//! same Rust types that read them (schemars), so editors' tools can offer
//! completion and flag mistakes before `tandem check` does. Each property's
//! description is its line of the field table ([`crate::content::kinds`]).

use schemars::schema_for;

use crate::config::RawSiteConfig;
use crate::content::Section;
use crate::content::kinds::Kind;
use crate::content::records::{RawClinic, RawIssue, RawPage, RawSharer, RawTopic};

/// Every schema: file name and JSON text.
pub fn all() -> Vec<(&'static str, String)> {
    let mut all: Vec<(&'static str, String)> = Kind::all()
        .into_iter()
        .map(|kind| (kind.schema_file, record(kind)))
        .collect();
    all.push((
        "site.schema.json",
        text(
            schema_for!(RawSiteConfig),
            "Site settings (content/site.yaml)",
        ),
    ));
    all
}

/// A record kind's schema, its properties described by the field table.
fn record(kind: &Kind) -> String {
    let mut schema = match kind.section {
        Section::Clinics => schema_for!(RawClinic),
        Section::Sharers => schema_for!(RawSharer),
        Section::Topics => schema_for!(RawTopic),
        Section::Newsletter => schema_for!(RawIssue),
        Section::Pages => schema_for!(RawPage),
    };
    if let Some(properties) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        for field in kind.fields {
            if let Some(property) = properties
                .get_mut(field.key)
                .and_then(|p| p.as_object_mut())
            {
                property.insert("description".into(), description(field).into());
            }
        }
    }
    text(schema, kind.schema_title)
}

/// A field's line of the table as a schema description: a sentence.
fn description(field: &crate::content::kinds::Field) -> String {
    let mut doc = field.doc.chars();
    let first = doc
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    let doc = format!("{first}{}.", doc.as_str());
    if field.required {
        format!("Required: {doc}")
    } else {
        doc
    }
}

fn text(mut schema: schemars::Schema, title: &str) -> String {
    schema.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema file for a record folder.
pub fn file_for(section: Section) -> &'static str {
    Kind::of(section).schema_file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_property_is_described_by_its_line_of_the_table() {
        let clinic: serde_json::Value =
            serde_json::from_str(&record(&crate::content::kinds::CLINIC)).expect("JSON");
        assert_eq!(
            clinic["properties"]["title"]["description"],
            "Required: The session's name."
        );
        assert_eq!(
            clinic["properties"]["format"]["description"],
            "Clinic | connectathon | circle | workshop."
        );
        for kind in Kind::all() {
            let schema: serde_json::Value = serde_json::from_str(&record(kind)).expect("JSON");
            for field in kind.fields {
                assert_eq!(
                    schema["properties"][field.key]["description"],
                    description(field),
                    "{}",
                    field.key
                );
            }
        }
    }
}
