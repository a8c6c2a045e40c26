//! The gettext core against GNU gettext itself: `msgcat` must leave our
//! output unchanged, `msgmerge --previous` must produce our `update`, and
//! Python's `gettext` module must evaluate our `Plural-Forms` to ICU4X's
//! categories. Tests needing the tools say so and pass when they are absent.

use std::path::Path;
use std::process::Command;

use super::*;

/// True when GNU gettext is installed; prints why a test is skipped otherwise.
fn have_gettext() -> bool {
    let found = Command::new("msgfmt").arg("--version").output().is_ok();
    if !found {
        eprintln!(
            "skipped: GNU gettext (msgfmt, msgcat, msgmerge) is not installed; apt-get install gettext"
        );
    }
    found
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn header(lang: &str) -> Message {
    let mut c = Catalog::default();
    for (k, v) in [
        ("Project-Id-Version", "Let's Connect"),
        ("Language", lang),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ] {
        c.set_header_field(k, v);
    }
    if let Some((n, e)) = plural_forms(lang) {
        c.set_header_field("Plural-Forms", &format!("nplurals={n}; plural={e};"));
    }
    c.header.take().expect("header")
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const PIECES: &[&str] = &[
    "the",
    "sessions",
    "Wikimedia",
    "peer-learning",
    "organisers",
    "a",
    " ",
    " ",
    " ",
    " ",
    " ",
    "https://meta.wikimedia.org/wiki/Event:Let%27s_Connect/Learning_Clinics/2025-08-14_Grant_writing",
    "https://example.org/a/b?c=d&e=f",
    "学习诊所",
    "会",
    "分享者的知识与经验",
    "。",
    "，",
    "、",
    "عيادات",
    "التعلم",
    "الويكيميديين",
    "،",
    "«",
    "»",
    "\"quoted\"",
    "back\\slash",
    "\n",
    "\t",
    "supercalifragilisticexpialidocious_and_then_some_more_without_any_break_at_all_in_it",
    "(",
    ")",
    "—",
    "–",
    "…",
    "’",
    "!",
    "?",
    ".",
    ",",
    ";",
    ":",
    "{n}",
    "{title}",
    "%",
    "/",
    "-",
    "12",
    "3,000",
    "1.5",
    "Ụ̀mụ",
    "Ọ",
    "é",
    "ñ",
    "ção",
    "🙂",
    "e\u{301}",
    "\u{200b}",
    "\u{a0}",
    "カタカナ",
    "한국어",
    "ab",
    "xyz",
];

/// Strings gettext wraps in every way: random mixes, and runs of words
/// that end exactly at, before and after column 79 on every line kind.
fn samples() -> Vec<String> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut out: Vec<String> = (0..4000)
        .map(|_| {
            let len = 1 + rng.next() % 40;
            (0..len).map(|_| rng.pick(PIECES)).collect()
        })
        .collect();
    for total in 60..100 {
        for word in [3, 7, 12] {
            let mut s = String::new();
            while s.chars().count() + word < total {
                s.push_str(&"w".repeat(word));
                s.push(' ');
            }
            s.push_str(&"x".repeat(total - s.chars().count()));
            out.push(s.clone());
            out.push(format!("{s}\n"));
            out.push(s.replace('w', "字"));
            out.push(s.replace(' ', "\\"));
        }
        out.push("y".repeat(total));
        out.push(format!("{} {}", "z".repeat(total), "z".repeat(total)));
    }
    out
}

fn sample_catalog() -> Catalog {
    let texts = samples();
    let mut catalog = Catalog {
        header: Some(header("fr")),
        ..Catalog::default()
    };
    for (i, text) in texts.iter().enumerate() {
        let mut m = Message::new(Some(format!("k{i}")), text.clone());
        m.msgstr = vec![texts[(i * 7 + 3) % texts.len()].clone()];
        m.translator_comments = vec![format!("comment {i}"), String::new()];
        m.extracted_comments = vec![format!("Shown on {} pages", i % 5)];
        m.references = (0..i % 9)
            .map(|j| format!("content/clinics/2025-08-{j:02}-a-rather-long-file-name.md"))
            .collect();
        match i % 4 {
            0 => {
                m.set_fuzzy(true);
                m.previous_msgctxt = Some(format!("k{}", i + 1));
                m.previous_msgid = Some(texts[(i + 11) % texts.len()].clone());
            }
            1 => {
                m.msgid_plural = Some(texts[(i + 5) % texts.len()].clone());
                m.msgstr = (0..3)
                    .map(|j| texts[(i + j) % texts.len()].clone())
                    .collect();
            }
            _ => {}
        }
        if i % 10 == 3 {
            catalog.obsolete.push(m);
        } else {
            catalog.messages.push(m);
        }
    }
    catalog
}

#[test]
fn written_catalogues_read_back_the_same() {
    let catalog = sample_catalog();
    let text = write(&catalog);
    let mut read = parse("x.po", &text).expect("parses");
    read.messages
        .iter_mut()
        .chain(&mut read.obsolete)
        .for_each(|m| m.line = 0);
    let mut expected = catalog.clone();
    expected.obsolete.iter_mut().for_each(|m| {
        m.extracted_comments.clear();
        m.references.clear();
    });
    read.header.as_mut().expect("header").line = 0;
    assert_eq!(read, expected);
}

#[test]
fn msgcat_leaves_our_layout_unchanged() {
    if !have_gettext() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("all.po");
    let ours = write(&sample_catalog());
    std::fs::write(&path, &ours).expect("write");
    let theirs = run("msgcat", &[path.to_str().expect("path")]);
    first_difference(&ours, &theirs);
}

/// Fails at the first differing line, with both versions around it.
fn first_difference(ours: &str, theirs: &str) {
    let (a, b): (Vec<_>, Vec<_>) = (ours.lines().collect(), theirs.lines().collect());
    if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        let from = i.saturating_sub(6);
        panic!(
            "first difference at line {}:\n--- ours\n{}\n--- gettext\n{}",
            i + 1,
            a[from..(i + 3).min(a.len())].join("\n"),
            b[from..(i + 3).min(b.len())].join("\n")
        );
    }
    assert_eq!(ours, theirs);
}

/// A template and an older translation: kept, changed (fuzzy), removed
/// (obsolete), revived, plural and new messages, and previous fuzzies.
fn merge_case() -> (Catalog, Catalog) {
    let texts = samples();
    let mut template = Catalog::default();
    template.set_header_field("Content-Type", "text/plain; charset=UTF-8");
    let mut po = Catalog {
        header: Some(header("ar")),
        ..Catalog::default()
    };
    for (i, text) in texts.iter().enumerate().take(300) {
        let ctxt = Some(format!("key_{}", i % 150));
        let mut t = Message::new(ctxt.clone(), text.clone());
        t.extracted_comments = vec![format!("note {i}")];
        t.references = vec![format!("i18n/en.yaml#{i}")];
        if i % 7 == 0 {
            t.msgid_plural = Some(format!("{text}s"));
            t.msgstr = vec![String::new(); 2];
        }
        let mut old = t.clone();
        old.extracted_comments = vec!["old note".into()];
        old.references.clear();
        old.translator_comments = vec![format!("translator {i}")];
        old.msgstr = if t.msgid_plural.is_some() {
            (0..6)
                .map(|j| format!("{j}: {}", texts[(i + j) % texts.len()]))
                .collect()
        } else {
            vec![format!("ترجمة {i}")]
        };
        match i % 10 {
            0 => old.msgid = format!("{} changed a little", old.msgid),
            1 => old.msgid = format!("completely different text number {i}"),
            2 => old.msgstr = vec![String::new(); old.msgstr.len()],
            3 => {
                old.set_fuzzy(true);
                old.previous_msgid = Some(format!("before {i}"));
            }
            4 => {
                po.obsolete.push(old);
                template.messages.push(t);
                continue;
            }
            5 => {
                po.messages.push(old);
                continue;
            }
            6 => {
                template.messages.push(t);
                continue;
            }
            _ => {}
        }
        template.messages.push(t);
        po.messages.push(old);
    }
    dedup(&mut template.messages);
    dedup(&mut po.messages);
    (template, po)
}

fn dedup(messages: &mut Vec<Message>) {
    let mut seen = std::collections::HashSet::new();
    messages.retain(|m| seen.insert((m.msgctxt.clone(), m.msgid.clone())));
}

#[test]
fn update_equals_msgmerge_previous() {
    if !have_gettext() {
        return;
    }
    let (template, po) = merge_case();
    let dir = tempfile::tempdir().expect("tempdir");
    let (pot_path, po_path) = (dir.path().join("t.pot"), dir.path().join("ar.po"));
    std::fs::write(&pot_path, write(&template)).expect("write");
    std::fs::write(&po_path, write(&po)).expect("write");
    let arg = |p: &Path| p.to_str().expect("path").to_string();
    let theirs = run(
        "msgmerge",
        &["--quiet", "--previous", &arg(&po_path), &arg(&pot_path)],
    );
    let ours = write(&update(&template, &po));
    if let Ok(keep) = std::env::var("TANDEM_KEEP_MERGE") {
        std::fs::write(format!("{keep}/t.pot"), write(&template)).expect("write");
        std::fs::write(format!("{keep}/ar.po"), write(&po)).expect("write");
        std::fs::write(format!("{keep}/ours.po"), &ours).expect("write");
    }
    first_difference(&ours, &theirs);
    // And a second update changes nothing.
    let again = write(&update(&template, &parse("ar.po", &ours).expect("parses")));
    assert_eq!(again, ours);
}

#[test]
fn plural_forms_agree_with_cldr() {
    let mut script = String::from("import gettext, sys\n");
    for lang in [
        "en", "fr", "es", "pt", "ar", "zh", "ig", "bcl", "de", "it", "hi", "ja", "sw",
    ] {
        let (n, expr) = plural_forms(lang).expect("known language");
        let rules = plural_rules(lang).expect("rules");
        assert_eq!(categories(&rules).len(), n, "{lang}: nplurals");
        let numbers: Vec<u64> = (0..=1000)
            .chain([
                1001, 1011, 1100, 10_000, 100_000, 999_999, 1_000_000, 2_000_000, 3_000_011,
            ])
            .collect();
        let expected: Vec<usize> = numbers.iter().map(|&k| category_index(lang, k)).collect();
        script.push_str(&format!(
            "f = gettext.c2py({expr:?})\nassert [f(k) for k in {numbers:?}] == {expected:?}, {lang:?}\n"
        ));
        // Without Python, check the Arabic rule by hand at least.
        if lang == "ar" {
            let shown: Vec<usize> = [0, 1, 2, 3, 11, 100, 102]
                .iter()
                .map(|&k| category_index("ar", k))
                .collect();
            assert_eq!(shown, [0, 1, 2, 3, 4, 5, 5]);
        }
    }
    match Command::new("python3").arg("-c").arg(&script).output() {
        Ok(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => eprintln!("skipped the Plural-Forms evaluation: python3 is not installed"),
    }
}

#[test]
fn errors_point_at_line_and_column() {
    let err = parse("i18n/fr/interface.po", "msgid \"a\"\nmsgstr \"b\\q\"\n").unwrap_err();
    assert_eq!(err.position, Some(crate::diagnostic::Position::new(2, 10)));
    assert!(err.hint.is_some());
    let err = parse("x.po", "msgid \"a\"\nmsgid \"b\"\nmsgstr \"\"\n").unwrap_err();
    assert_eq!(err.position.map(|p| p.line), Some(2));
    let err = parse("x.po", "msgid \"a\"\nmsgstr \"b\n").unwrap_err();
    assert!(err.message.contains("closing quote"), "{}", err.message);
    let err = parse(
        "x.po",
        "msgid \"a\"\nmsgstr \"\"\n\nmsgid \"a\"\nmsgstr \"\"\n",
    )
    .unwrap_err();
    assert_eq!(err.position.map(|p| p.line), Some(4));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Any text, PO-like or not, is a catalogue or an error, never a panic.
    #[test]
    fn any_text_parses_or_is_an_error(text in "(msgid|msgstr|msgctxt|msgid_plural|\"|\\\\|#~|#\\||#,|#\\.|#:|\\[0\\]|\\[9\\]| |\n|é|中|a|\t|\r)*") {
        let _ = parse("any.po", &text);
    }

    /// What `write` writes, `parse` reads back as the same messages, and
    /// writing that again gives the same bytes.
    #[test]
    fn any_catalogue_written_reads_back_the_same(
        messages in proptest::collection::vec(("[a-z]{0,3}", "\\PC{0,90}", "\\PC{0,90}", proptest::bool::ANY), 0..6)
    ) {
        let mut catalog = Catalog::default();
        let mut seen = std::collections::BTreeSet::new();
        for (ctx, id, s, fuzzy) in messages {
            if id.is_empty() || !seen.insert((ctx.clone(), id.clone())) {
                continue;
            }
            let mut message = Message::new((!ctx.is_empty()).then_some(ctx), id);
            message.msgstr = vec![s];
            message.set_fuzzy(fuzzy);
            catalog.messages.push(message);
        }
        let text = write(&catalog);
        let read = parse("round.po", &text).map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e:?}\n{text}")))?;
        let ids = |c: &Catalog| c.messages.iter().map(|m| (m.msgctxt.clone(), m.msgid.clone(), m.msgstr.clone(), m.is_fuzzy())).collect::<Vec<_>>();
        proptest::prop_assert_eq!(ids(&read), ids(&catalog));
        proptest::prop_assert_eq!(write(&read), text);
    }
}
