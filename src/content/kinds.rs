//! One description per record kind: the field table.
//!
//! Each kind of record (clinic, sharer, topic, newsletter issue, page) is a
//! list of [`Field`]s: its key, what a translation does with it, whether it
//! is required, its one-line documentation and the example `tandem new`
//! writes. Everything that must agree about a kind's fields is derived from
//! this table, in the spirit of ripgrep's single `FLAGS` table:
//!
//! - the keys a front matter may have (unknown keys are errors),
//! - the translation rules (structural fields come from the source; each
//!   translatable field gives one or more translation units),
//! - the commented scaffold of `tandem new`,
//! - the descriptions in the JSON Schemas (`tandem schema`).
//!
//! A new field goes here first, then into its `Raw*` struct in
//! [`super::records`] (a test fails until both agree), then into the check
//! stage that resolves it.

use std::sync::LazyLock;

use super::Section;

/// What a translation does with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The same in every language: a translation leaves it out (or repeats
    /// the source's value exactly).
    Structural,
    /// One text, translated as one unit named after `unit` (`title`).
    Text {
        /// The unit's name (its role in a translation's status).
        unit: &'static str,
    },
    /// A list of texts, each translated as a unit `<unit>-<n>` (`takeaway-2`).
    List {
        /// The units' name.
        unit: &'static str,
    },
    /// A clinic's resources: structural, except each one's `label`, which is
    /// translated as a unit `label-<n>`.
    Labels,
    /// Written by `tandem translations --stamp` in a translation only.
    Stamp,
}

/// One front-matter field of a record kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The YAML key.
    pub key: &'static str,
    /// What a translation does with it.
    pub role: Role,
    /// True when a source record must have it.
    pub required: bool,
    /// What it is for, in one line: the scaffold's comment and the schema's description.
    pub doc: &'static str,
    /// The value `tandem new` writes (`{title}` and `{date}` are filled in);
    /// `None` leaves the field out of the scaffold.
    pub example: Option<&'static str>,
}

/// A record kind: its folder and its fields, in the order `tandem new` writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// Its folder under `content/`.
    pub section: Section,
    /// Its schema's title.
    pub schema_title: &'static str,
    /// Its schema file's name.
    pub schema_file: &'static str,
    /// Its fields.
    pub fields: &'static [Field],
    /// The body `tandem new` writes under the front matter.
    pub body: &'static str,
}

impl Kind {
    /// The kind of the records in `section`.
    pub fn of(section: Section) -> &'static Kind {
        match section {
            Section::Clinics => &CLINIC,
            Section::Sharers => &SHARER,
            Section::Topics => &TOPIC,
            Section::Newsletter => &ISSUE,
            Section::Pages => &PAGE,
        }
    }

    /// Every kind, in folder order.
    pub fn all() -> [&'static Kind; 5] {
        [&CLINIC, &SHARER, &TOPIC, &ISSUE, &PAGE]
    }

    /// Every key a record of this kind may have, in table order.
    pub fn keys(&self) -> &'static [&'static str] {
        static KEYS: LazyLock<[Vec<&'static str>; 5]> =
            LazyLock::new(|| Kind::all().map(|k| k.fields.iter().map(|f| f.key).collect()));
        let position = Kind::all()
            .iter()
            .position(|k| k.section == self.section)
            .unwrap_or_default();
        &KEYS[position]
    }

    /// The field `key`, if this kind has it.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The commented front matter and body `tandem new` writes.
    pub fn scaffold(&self, title: &str, date: &str) -> String {
        let mut text = String::from("---\n");
        for field in self.fields {
            let Some(example) = field.example else {
                continue;
            };
            let example = example.replace("{title}", title).replace("{date}", date);
            let (first, rest) = example.split_once('\n').unwrap_or((&example, ""));
            let required = if field.required { "required: " } else { "" };
            let value = if first.is_empty() {
                String::new()
            } else {
                format!(" {first}")
            };
            text.push_str(&format!(
                "{}:{value}  # {required}{}\n",
                field.key, field.doc
            ));
            for line in rest.lines() {
                text.push_str(&format!("  {line}\n"));
            }
        }
        text.push_str("---\n");
        text.push_str(self.body);
        text
    }
}

const fn field(key: &'static str, role: Role, doc: &'static str) -> Field {
    Field {
        key,
        role,
        required: false,
        doc,
        example: None,
    }
}

impl Field {
    const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    const fn example(mut self, value: &'static str) -> Self {
        self.example = Some(value);
        self
    }
}

use Role::Structural;

const TITLE: Role = Role::Text { unit: "title" };
const SUMMARY: Role = Role::Text { unit: "summary" };
const REGIONS: &str = "ssa | mena | south-asia | eseap | ceeca | nwe | lac | usca | cross-regional";

const DRAFT: Field = field(
    "draft",
    Structural,
    "drafts are only built with --drafts: delete this line when the record is ready to publish",
)
.example("true");
const STAMP: Field = field(
    "source_digests",
    Role::Stamp,
    "translations only: digests of the source blocks (tandem translations --stamp)",
);

/// A Learning Clinic, Connectathon, circle or workshop (`content/clinics/`).
pub const CLINIC: Kind = Kind {
    section: Section::Clinics,
    schema_title: "A Let's Connect clinic (content/clinics/*.md front matter)",
    schema_file: "clinic.schema.json",
    fields: &[
        field("title", TITLE, "the session's name").required().example("{title}"),
        field("date", Structural, "start, with its UTC offset (+00:00 is UTC)")
            .required()
            .example("{date}T14:00:00+00:00"),
        field("duration", Structural, "length in minutes (120 when absent)").example("120"),
        field("format", Structural, "clinic | connectathon | circle | workshop").example("clinic"),
        field(
            "levels",
            Structural,
            "who it is for: newcomer and/or experienced (required from 2025-08-01)",
        )
        .example("[newcomer]"),
        field("topics", Structural, "topic slugs: file names in content/topics/ without .md")
            .example("[]"),
        field("sharers", Structural, "sharer slugs: file names in content/sharers/ without .md")
            .example("[]"),
        field("region", Structural, REGIONS).example("cross-regional"),
        field("languages", Structural, "languages it was held or interpreted in").example("[en]"),
        field("summary", SUMMARY, "the bite-size summary: at most 60 words").example(
            ">\nOne or two sentences a busy reader can take in at a glance.",
        ),
        field("takeaways", Role::List { unit: "takeaway" }, "3 to 7 key learnings, one line each")
            .example("\n- The first thing participants took home.\n- The second.\n- The third."),
        field(
            "resources",
            Role::Labels,
            "recordings and slides; each url must start with https://",
        )
        .example(
            "\n- {kind: video, url: \"https://example.org/recording\", label: Recording, lang: en}\n\
             # a part of a recording: start: \"5:30\", end: \"6:15\"; chapters: [{at: \"12:00\", title: Questions}]",
        ),
        field(
            "join",
            Structural,
            "optional: the https:// address where people join online; delete the line if none",
        )
        .example("\"\""),
        field(
            "series",
            Structural,
            "optional: a name grouping several sessions; delete the line if none",
        )
        .example("\"\""),
        DRAFT,
        STAMP,
    ],
    body: "What happened in the session, in Markdown. Link to another record with\n\
           `[its title](@/clinics/<slug>.md)`.\n",
};

/// A person or affiliate who shares knowledge (`content/sharers/`).
pub const SHARER: Kind = Kind {
    section: Section::Sharers,
    schema_title: "A sharer (content/sharers/*.md front matter)",
    schema_file: "sharer.schema.json",
    fields: &[
        field(
            "name",
            Structural,
            "the person's or affiliate's name (names are not translated)",
        )
        .required()
        .example("{title}"),
        field(
            "role",
            Role::Text { unit: "role" },
            "their role in the programme, if any (for example \"MENA liaison\")",
        )
        .example("\"\""),
        field("affiliation", Structural, "their affiliate or organisation").example("\"\""),
        field("region", Structural, REGIONS).example("ssa"),
        field(
            "country",
            Structural,
            "their country, if they want it shown",
        )
        .example("\"\""),
        field("languages", Structural, "languages they can share in").example("[en]"),
        field("skills", Structural, "topic slugs they can share about").example("[]"),
        field(
            "links",
            Structural,
            "links to profiles, each {label: ..., url: \"https://...\"}",
        )
        .example("[]"),
        field(
            "wiki_user",
            Structural,
            "their Meta-Wiki user name (Batoul84): links to their user and talk pages",
        ),
        DRAFT,
        STAMP,
    ],
    body: "A short bio, in their own words if possible.\n",
};

/// A skill of the taxonomy (`content/topics/`).
pub const TOPIC: Kind = Kind {
    section: Section::Topics,
    schema_title: "A topic of the skills taxonomy (content/topics/*.md front matter)",
    schema_file: "topic.schema.json",
    fields: &[
        field("title", TITLE, "the topic's name")
            .required()
            .example("{title}"),
        field(
            "category",
            Structural,
            "funding | programmatic | organisational | technical | interpersonal",
        )
        .required()
        .example("organisational"),
        field(
            "description",
            Role::Text {
                unit: "description",
            },
            "one or two sentences about the topic",
        )
        .example("\"\""),
        STAMP,
    ],
    body: "More about the topic (optional).\n",
};

/// A newsletter issue (`content/newsletter/`).
pub const ISSUE: Kind = Kind {
    section: Section::Newsletter,
    schema_title: "A newsletter issue (content/newsletter/*.md front matter)",
    schema_file: "newsletter.schema.json",
    fields: &[
        field("issue", Structural, "the issue number, unique")
            .required()
            .example("1"),
        field("date", Structural, "publication date, YYYY-MM-DD").example("{date}"),
        field("title", TITLE, "the issue's title")
            .required()
            .example("{title}"),
        field("summary", SUMMARY, "one or two sentences about the issue").example("\"\""),
        field("clinics", Structural, "clinic slugs featured as cards").example("[]"),
        DRAFT,
        STAMP,
    ],
    body: "The issue, in Markdown.\n",
};

/// A free page (`content/pages/`).
pub const PAGE: Kind = Kind {
    section: Section::Pages,
    schema_title: "A free page (content/pages/*.md front matter)",
    schema_file: "page.schema.json",
    fields: &[
        field("title", TITLE, "the page's title")
            .required()
            .example("{title}"),
        field("summary", SUMMARY, "one or two sentences about the page").example("\"\""),
        field(
            "menu",
            Structural,
            "position in the main navigation; delete the line to leave it out",
        )
        .example("10"),
        field(
            "registration",
            Structural,
            "true shows the registration link of site.yaml under the title (the Join page)",
        ),
        DRAFT,
        STAMP,
    ],
    body: "The page, in Markdown.\n",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_table() {
        assert_eq!(
            Kind::of(Section::Topics).keys(),
            ["title", "category", "description", "source_digests"]
        );
        for kind in Kind::all() {
            assert_eq!(Kind::of(kind.section), kind);
            let keys = kind.keys();
            assert_eq!(keys.len(), kind.fields.len());
            let unique: std::collections::BTreeSet<_> = keys.iter().collect();
            assert_eq!(
                unique.len(),
                keys.len(),
                "{:?} lists a key twice",
                kind.section
            );
        }
    }

    #[test]
    fn required_fields_are_in_the_scaffold() {
        for kind in Kind::all() {
            for field in kind.fields.iter().filter(|f| f.required) {
                assert!(field.example.is_some(), "{}", field.key);
            }
        }
    }
}
