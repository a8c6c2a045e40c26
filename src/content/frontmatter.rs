//! Splits a record file into its YAML front matter and its Markdown body.
//!
//! Input is text already normalised by [`super::walk`] (no byte-order mark,
//! `\n` line endings). The front matter sits between a first line `---` and
//! the next line that is exactly `---`. Line numbers are kept so that YAML
//! errors and Markdown links can be reported at their line in the file.

/// A record file cut in two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    /// The YAML between the fences (without them).
    pub yaml: &'a str,
    /// The 1-based file line of the YAML's first line.
    pub yaml_first_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// The 1-based file line of the body's first line.
    pub body_first_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file is empty or blank.
    Empty,
    /// The file does not start with a `---` line.
    NoOpeningFence,
    /// No second `---` line closes the front matter.
    Unclosed,
}

const FENCE: &str = "---";

/// Splits `text` into front matter and body.
pub fn split(text: &str) -> Result<Document<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let opening = first_line(text);
    if opening.trim_end() != FENCE {
        return Err(SplitError::NoOpeningFence);
    }
    let after_open = &text[opening.len()..];
    let mut offset = 0;
    for (index, line) in after_open.split_inclusive('\n').enumerate() {
        if line.trim_end() == FENCE {
            let yaml = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            return Ok(Document {
                yaml,
                yaml_first_line: 2,
                body,
                body_first_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

fn first_line(text: &str) -> &str {
    text.split_inclusive('\n').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_from_body_and_keeps_line_numbers() {
        let doc = split("---\ntitle: A\nregion: nwe\n---\nBody\n").unwrap();
        assert_eq!(doc.yaml, "title: A\nregion: nwe\n");
        assert_eq!(doc.yaml_first_line, 2);
        assert_eq!(doc.body, "Body\n");
        assert_eq!(doc.body_first_line, 5);
    }

    #[test]
    fn an_empty_front_matter_is_allowed() {
        let doc = split("---\n---\n").unwrap();
        assert_eq!(doc.yaml, "");
        assert_eq!(doc.body, "");
    }

    #[test]
    fn reports_missing_fences() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split("title: x\n"), Err(SplitError::NoOpeningFence));
        assert_eq!(split("---\ntitle: x\n"), Err(SplitError::Unclosed));
        assert_eq!(split("----\n"), Err(SplitError::NoOpeningFence));
    }

    #[test]
    fn a_fence_may_carry_trailing_spaces() {
        let doc = split("--- \ntitle: A\n---  \nB").unwrap();
        assert_eq!(doc.yaml, "title: A\n");
        assert_eq!(doc.body, "B");
    }
}
