//! Property-based fuzzing (proptest; cargo fuzz needs a nightly toolchain
//! this project's CI doesn't have): splitting and parsing front matter, and
//! rendering and sanitising Markdown, never panic, and no generated input
//! gets a script into the output. Failing inputs proptest finds are kept in
//! `tests/it/fuzz.proptest-regressions` and replayed first on every run; the
//! interesting ones are also pinned below as named regression tests.
//! `PROPTEST_CASES=100000 cargo test --test it fuzz` runs a longer session.

use proptest::prelude::*;

use tandem::content::markdown::{InternalLink, LinkResolver, to_html};
use tandem::content::{Section, SourceFile, frontmatter, parse_record};

struct Links;
impl LinkResolver for Links {
    fn record(&self, link: &InternalLink) -> Option<String> {
        Some(format!("/{}/{}/", link.folder, link.slug))
    }
    fn site_path(&self, path: &str) -> String {
        path.to_string()
    }
}

/// Text built from pieces that matter to the parsers.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "---\n",
        "title: ",
        "levels: [",
        "]",
        "&a ",
        "*a",
        "\t",
        "  - ",
        "{",
        "}",
        "\"",
        "'",
        ":",
        "#",
        "\n",
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:",
        "[x](",
        ")",
        "![i](",
        "@/clinics/",
        ".md#",
        "<iframe>",
        "`",
        "```\n",
        "|a|b|\n|-|-|\n",
        "[^1]",
        "[^1]: n\n",
        "# ",
        "{#id onclick=x}",
        "\u{feff}",
        "\r\n",
        "é",
        "ع",
        "中",
        "<b>",
        "</b>",
        "<span lang=fr>",
        "&amp;",
        "&#x3C;script&#x3E;",
        "data:text/html,",
        "<svg/onload=alert(1)>",
        "\u{0}",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_string), "[ -~]{0,8}"],
        0..40,
    )
    .prop_map(|v| v.concat())
}

/// No element or attribute that runs script survives (checked on the parsed
/// HTML, as a browser would see it; escaped text is harmless).
fn assert_no_script(html: &str) {
    let document = scraper::Html::parse_fragment(html);
    for element in document
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let name = element.value().name();
        assert!(
            !matches!(
                name,
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "svg"
                    | "style"
                    | "base"
                    | "form"
                    | "meta"
                    | "link"
            ),
            "<{name}> in output: {html}"
        );
        for (attribute, value) in element.value().attrs() {
            assert!(
                !attribute.starts_with("on"),
                "{attribute}= in output: {html}"
            );
            let value = value.trim().to_ascii_lowercase();
            assert!(
                !value.starts_with("javascript:")
                    && !value.starts_with("data:")
                    && !value.starts_with("vbscript:"),
                "{attribute}={value} in output: {html}"
            );
        }
    }
}

/// 512 cases by default; `PROPTEST_CASES` for longer sessions.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn front_matter_splitting_and_parsing_never_panic(text in hostile_text()) {
        let _ = frontmatter::split(&text);
        for section in Section::ALL {
            let file = SourceFile { path: "content/x/y.md".into(), section, slug: "y".into(), lang: None, text: text.clone() };
            let _ = parse_record(file);
        }
    }

    #[test]
    fn markdown_rendering_never_panics_and_never_lets_a_script_through(text in hostile_text(), top in 1u8..7) {
        assert_no_script(&to_html(&text, &Links, top));
        let _ = tandem::content::markdown::outline(&text, 1);
        let _ = tandem::content::markdown::blocks(&text);
    }
}

#[test]
fn regression_heading_attributes_cannot_add_event_handlers() {
    assert_no_script(&to_html("# T {onclick=alert(1)}", &Links, 2));
}

#[test]
fn regression_entity_encoded_script_stays_text() {
    let html = to_html("&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;", &Links, 2);
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

#[test]
fn regression_a_byte_order_mark_inside_the_text_is_not_a_fence() {
    assert!(
        frontmatter::split("\u{feff}---\ntitle: x\n---\n").is_err(),
        "the walker strips a leading BOM first"
    );
}
