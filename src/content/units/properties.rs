//! Properties of cutting Markdown into units and putting it back, on any input.

use super::*;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Any Markdown gives units inside it, and putting any text back
    /// where they were never panics; putting back their own text keeps
    /// the source's structure (the same units, of the same kinds).
    #[test]
    fn any_markdown_is_cut_and_put_back(
        markdown in "(# |## |- |1. |> |\\| a \\| b \\|\n\\|---\\|---\\|\n|```\n|<div>|\\[x\\]\\(@/pages/a.md\\)|\\[y\\]\\(https://e.org\\)|\\*|_|`|  \n|\n|\n\n|é|中|word |\t)*",
        replacement in "\\PC{0,20}"
    ) {
        let units = body_units(&markdown);
        for unit in &units {
            proptest::prop_assert!(unit.span.start <= unit.span.end && unit.span.end <= markdown.len());
        }
        let _ = reassemble(&markdown, &units, |_, _| Some(replacement.as_str()));
        let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        let same = reassemble(&markdown, &units, |i, _| texts.get(i).copied());
        // Escapes and line breaks may differ (a heading's last `#`, a
        // cell's pipes, a hard break in a heading); the words may not.
        let seen = |units: &[BodyUnit]| {
            let plain = |t: &str| t.replace('\\', "").split_whitespace().collect::<Vec<_>>().join(" ");
            units.iter().map(|u| (u.kind, plain(&u.text))).collect::<Vec<_>>()
        };
        proptest::prop_assert_eq!(seen(&body_units(&same)), seen(&units));
    }
}
