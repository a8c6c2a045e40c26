//! Machine-read files: the newsletter's Atom feed, `calendar.ics`,
//! `sitemap.xml` and `robots.txt`.
//!
//! These are written in code rather than templates because their syntax is
//! strict (XML escaping, iCalendar's CRLF lines folded at 75 octets). Every
//! timestamp comes from the records, never from the clock, so two builds
//! of the same input are identical.

use rayon::prelude::*;

use super::ctx::Ctx;
use crate::edition::Edition;
use crate::edition::dates;
use crate::edition::urls::{self, Route, Urls};
use crate::site::Clinic;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    super::escape::replace_ascii(text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&apos;"),
        b'\n' | b'\t' => None,
        control if control < 0x20 => Some(""),
        _ => None,
    })
}

/// The newsletter's Atom feed.
pub fn atom(ctx: &Ctx) -> String {
    let site = ctx.site;
    let updated = site
        .issues
        .iter()
        .filter_map(|i| i.date)
        .max()
        .map(dates::iso_date)
        .unwrap_or_else(|| "2022-04-01".into());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(ctx.lang)
    ));
    xml.push_str(&format!(
        "<title>{} – {}</title>\n",
        xml_escape(&site.config.title),
        xml_escape(&ctx.t("newsletter_title"))
    ));
    xml.push_str(&format!(
        "<id>{}</id>\n",
        xml_escape(&ctx.urls.absolute(&urls::newsletter()))
    ));
    xml.push_str(&format!(
        "<link rel=\"self\" href=\"{}\"/>\n",
        xml_escape(&ctx.urls.absolute(&urls::atom()))
    ));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&ctx.urls.absolute(&urls::newsletter()))
    ));
    xml.push_str(&format!("<updated>{updated}T00:00:00Z</updated>\n"));
    xml.push_str(&format!(
        "<author><name>{}</name></author>\n",
        xml_escape(&site.config.title)
    ));
    for issue in &site.issues {
        atom_entry(ctx, &mut xml, issue, &updated);
    }
    xml.push_str("</feed>\n");
    xml
}

/// One newsletter issue as an Atom entry; `updated` is the feed's date,
/// for an issue without its own.
fn atom_entry(ctx: &Ctx, xml: &mut String, issue: &crate::site::Issue, updated: &str) {
    let text = issue.text.get(ctx.lang).1;
    let url = ctx.urls.absolute(&urls::issue(&issue.slug));
    let date = issue
        .date
        .map(dates::iso_date)
        .unwrap_or_else(|| updated.to_string());
    xml.push_str("<entry>\n");
    xml.push_str(&format!("<title>{}</title>\n", xml_escape(&text.title)));
    xml.push_str(&format!("<id>{}</id>\n", xml_escape(&url)));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&url)
    ));
    xml.push_str(&format!("<updated>{date}T00:00:00Z</updated>\n"));
    if let Some(summary) = &text.summary {
        xml.push_str(&format!("<summary>{}</summary>\n", xml_escape(summary)));
    }
    xml.push_str(&format!(
        "<content type=\"html\">{}</content>\n",
        xml_escape(&absolute_links(ctx, &ctx.body_html(&text.body.markdown, 2)))
    ));
    xml.push_str("</entry>\n");
}

/// Feed readers resolve links against the feed, not the site: make them absolute.
fn absolute_links(ctx: &Ctx, html: &str) -> String {
    let origin = ctx.urls.absolute(&urls::home());
    let root = ctx.urls.url(&urls::home());
    html.replace(&format!("href=\"{root}"), &format!("href=\"{origin}"))
}

/// Every session as an iCalendar event.
pub fn ics(ctx: &Ctx) -> String {
    calendar(ctx, &ctx.site.clinics)
}

/// One session's calendar entry, for "Add to calendar": the same event as
/// in the site's calendar.
pub fn event_ics(ctx: &Ctx, clinic: &Clinic) -> String {
    calendar(ctx, std::slice::from_ref(clinic))
}

fn calendar(ctx: &Ctx, clinics: &[Clinic]) -> String {
    let site = ctx.site;
    let host = site
        .config
        .base_url
        .origin
        .split("://")
        .nth(1)
        .unwrap_or("tandem");
    let mut ics = String::with_capacity(clinics.len() * 512 + 256);
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Let's Connect//tandem//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut ics, line);
    }
    push_line(
        &mut ics,
        &format!("X-WR-CALNAME:{}", ics_escape(&site.config.title)),
    );
    // One line buffer for the whole calendar: a line per field of every
    // clinic made with `format!` was most of the calendar's cost.
    let mut lines = Lines {
        ics,
        line: String::new(),
    };
    for clinic in clinics {
        event(ctx, &mut lines, clinic, host);
    }
    push_line(&mut lines.ics, "END:VCALENDAR");
    lines.ics
}

/// A calendar being written, and the buffer its lines are made in.
struct Lines {
    ics: String,
    line: String,
}

impl Lines {
    /// Appends the line made of `parts`, folded.
    fn push(&mut self, parts: &[&str]) {
        self.line.clear();
        parts.iter().for_each(|part| self.line.push_str(part));
        push_line(&mut self.ics, &self.line);
    }
}

/// One session as an iCalendar event; `host` makes its UID unique.
fn event(ctx: &Ctx, lines: &mut Lines, clinic: &Clinic, host: &str) {
    let text = clinic.text.get(ctx.lang).1;
    let start = dates::utc(clinic.date);
    let end = dates::end(start, clinic.duration);
    let url = ctx.urls.absolute(&urls::clinic(&clinic.slug));
    let start = ics_time(start);
    let join = clinic.join.as_deref();
    let joining = join.map(|j| ["\n\n", &ctx.t("clinic_join"), ": ", j].concat());
    let description = [
        &text.summary.text,
        "\n\n",
        &url,
        joining.as_deref().unwrap_or(""),
    ]
    .concat();
    lines.push(&["BEGIN:VEVENT"]);
    lines.push(&["UID:", &clinic.slug, "@", host]);
    lines.push(&["DTSTAMP:", &start]);
    lines.push(&["DTSTART:", &start]);
    lines.push(&["DTEND:", &ics_time(end)]);
    lines.push(&["SUMMARY:", &ics_escape(&text.title)]);
    lines.push(&["DESCRIPTION:", &ics_escape(&description)]);
    lines.push(&["URL:", &url]);
    if let Some(join) = join {
        // RFC 7986's conference property, and the location calendar
        // apps show as a link.
        lines.push(&["CONFERENCE;VALUE=URI;FEATURE=VIDEO:", join]);
        lines.push(&["LOCATION:", &ics_escape(join)]);
    }
    lines.push(&["END:VEVENT"]);
}

/// Appends a content line, folded, and its CRLF.
fn push_line(ics: &mut String, line: &str) {
    fold_into(ics, line);
    ics.push_str("\r\n");
}

fn ics_time(t: time::OffsetDateTime) -> String {
    dates::iso_utc(t).replace(['-', ':'], "")
}

/// A text value with `\\`, `;`, `,` and line breaks escaped (RFC 5545 §3.3.11).
fn ics_escape(text: &str) -> String {
    super::escape::replace_ascii(text, |byte| match byte {
        b'\\' => Some("\\\\"),
        b';' => Some("\\;"),
        b',' => Some("\\,"),
        b'\n' => Some("\\n"),
        _ => None,
    })
}

/// A folded content line, as a string of its own (for tests).
/// Netlify rules: each language's own 404 page, and optionally a redirect
/// from `/` by the browser's `Accept-Language`.
pub fn netlify_redirects(editions: &[Edition], language_redirect: bool) -> String {
    let mut rules = String::from("# Generated by tandem: localised 404 pages");
    rules.push_str(if language_redirect {
        " and language redirects.\n"
    } else {
        ".\n"
    });
    let home = urls::home();
    for edition in editions.iter().skip(1) {
        if language_redirect {
            rules.push_str(&format!(
                "{}  {}  302!  Language={}\n",
                editions[0].urls.url(&home),
                edition.urls.url(&home),
                edition.lang
            ));
        }
    }
    for edition in editions.iter().skip(1) {
        rules.push_str(&format!(
            "{}*  {}  404\n",
            edition.urls.url(&home),
            edition.urls.url(&urls::not_found())
        ));
    }
    rules.push_str(&format!(
        "{}*  {}  404\n",
        editions[0].urls.url(&home),
        editions[0].urls.url(&urls::not_found())
    ));
    rules
}

#[cfg(test)]
fn fold(line: &str) -> String {
    let mut out = String::new();
    fold_into(&mut out, line);
    out
}

/// Appends a content line folded at 75 octets, never inside a UTF-8
/// character (RFC 5545 §3.1): each part is the longest that fits, and a
/// continuation's leading space counts.
fn fold_into(out: &mut String, line: &str) {
    let (mut rest, mut room) = (line, 75);
    while rest.len() > room {
        // A character is at most four bytes, so one of the last four
        // places is between characters.
        let cut = (room - 3..=room)
            .rev()
            .find(|&at| rest.is_char_boundary(at))
            .unwrap_or(rest.len());
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74;
    }
    out.push_str(rest);
}

/// Every HTML page in every language, each with its alternates, for search engines.
pub fn sitemap(routes: &[Route], editions: &[Edition]) -> String {
    // Each page's address in each edition, escaped once (in parallel): a
    // page lists its alternates in every edition's entry.
    let addresses: Vec<Vec<String>> = editions
        .iter()
        .map(|edition| {
            routes
                .par_iter()
                .map(|route| xml_escape(&edition.urls.absolute(route)))
                .collect()
        })
        .collect();
    let entries: Vec<String> = (0..editions.len())
        .into_par_iter()
        .map(|own| {
            let mut xml = String::new();
            for page in 0..routes.len() {
                sitemap_entry(&mut xml, editions, &addresses, own, page);
            }
            xml
        })
        .collect();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    xml.extend(entries);
    xml.push_str("</urlset>\n");
    xml
}

/// The `<url>` of page `page` in edition `own`, with its alternates.
fn sitemap_entry(
    xml: &mut String,
    editions: &[Edition],
    addresses: &[Vec<String>],
    own: usize,
    page: usize,
) {
    xml.push_str("<url><loc>");
    xml.push_str(&addresses[own][page]);
    xml.push_str("</loc>");
    if editions.len() > 1 {
        for (other, edition) in editions.iter().enumerate() {
            xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            xml.push_str(&edition.lang);
            xml.push_str("\" href=\"");
            xml.push_str(&addresses[other][page]);
            xml.push_str("\"/>");
        }
        xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"");
        xml.push_str(&addresses[0][page]);
        xml.push_str("\"/>");
    }
    xml.push_str("</url>\n");
}

/// Allows every crawler and points them at the sitemap.
pub fn robots(urls: &Urls) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.absolute(&Route::new("sitemap.xml"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{part}");
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
    }

    /// The folding as first written: character by character.
    fn fold_by_characters(line: &str) -> String {
        let mut out = String::new();
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn lines_fold_as_character_by_character(line in "[a-zé€😀]{0,300}") {
            proptest::prop_assert_eq!(fold(&line), fold_by_characters(&line));
        }

        #[test]
        fn text_escapes_as_character_by_character(text in "[a\\\\;,\n é]{0,40}") {
            let expected: String = text.chars().map(|c| match c {
                '\\' => "\\\\".to_string(),
                ';' => "\\;".into(),
                ',' => "\\,".into(),
                '\n' => "\\n".into(),
                c => c.to_string(),
            }).collect();
            proptest::prop_assert_eq!(ics_escape(&text), expected);
        }

        #[test]
        fn xml_escapes_as_character_by_character(text in "[a&<>\"'\n\t\r\u{0}\u{1f} é]{0,40}") {
            let expected: String = text.chars().filter_map(|c| match c {
                '&' => Some("&amp;".to_string()),
                '<' => Some("&lt;".into()),
                '>' => Some("&gt;".into()),
                '"' => Some("&quot;".into()),
                '\'' => Some("&apos;".into()),
                c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t') => None,
                c => Some(c.to_string()),
            }).collect();
            proptest::prop_assert_eq!(xml_escape(&text), expected);
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(ics_escape("a, b; c\nd"), "a\\, b\\; c\\nd");
        assert_eq!(
            xml_escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
