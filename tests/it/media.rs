//! Clips, chapters and calendar entries (issue 28), as a visitor meets
//! them: the clip's link opens at its moment in the form each host
//! understands, the words say where and how long, and an upcoming
//! session's `event.ics` reads, with a real iCalendar parser, as the
//! record says, and equals its event in the site's calendar.

use std::process::Command;

use crate::support::{attrs, build_site, copy_tree, fixture, texts};

const CLINIC: &str = r#"---
title: Clips
date: 2024-11-14T14:00:00+00:00
resources:
  - {kind: video, url: "https://example.org/talks/session.webm", label: File, start: "5:30", end: "6:15"}
  - {kind: video, url: "https://commons.wikimedia.org/wiki/File:Clinic_recording.webm", label: Commons, start: "1:02:03", end: "1:05:00"}
  - {kind: video, url: "https://www.youtube.com/watch?v=abc123", label: YouTube, start: "0:45"}
  - kind: video
    url: "https://example.org/talks/whole.mp4"
    label: Chapters
    duration: "1:30:00"
    chapters:
      - {at: "0:00", title: Welcome}
      - {at: "12:30", title: Questions}
---
Body.
"#;

const UPCOMING: &str = r#"---
title: Next session
date: 2025-03-20T14:00:00+01:00
duration: 90
levels: [newcomer]
join: "https://meet.example.org/lets-connect"
summary: What comes next.
---
Body.
"#;

fn site() -> crate::support::Built {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check/_base"), dir.path());
    std::fs::write(dir.path().join("content/clinics/clips.md"), CLINIC).unwrap();
    std::fs::write(dir.path().join("content/clinics/next.md"), UPCOMING).unwrap();
    let built = build_site(dir.path());
    drop(dir);
    built
}

#[test]
fn a_clip_opens_at_its_moment_on_every_kind_of_host() {
    let site = site();
    let page = site.page("clinics/clips/index.html");
    let links = attrs(&page, "ul.resources > li > a", "href");
    assert_eq!(
        links,
        [
            "https://example.org/talks/session.webm#t=330,375",
            "https://commons.wikimedia.org/wiki/Special:FilePath/Clinic_recording.webm#t=3723,3900",
            "https://www.youtube.com/watch?v=abc123&t=45s",
            "https://example.org/talks/whole.mp4",
        ]
    );
    assert_eq!(
        texts(&page, ".clip"),
        [
            "Watch 5:30–6:15 (45 s)",
            "Watch 1:02:03–1:05:00 (2 min 57 s)",
            "Watch from 0:45"
        ]
    );
    assert_eq!(
        attrs(&page, ".chapters a", "href"),
        [
            "https://example.org/talks/whole.mp4#t=0",
            "https://example.org/talks/whole.mp4#t=750"
        ]
    );
    assert_eq!(
        texts(&page, ".chapters li"),
        ["0:00 Welcome", "12:30 Questions"]
    );
    let french = site.page("fr/clinics/clips/index.html");
    assert_eq!(
        attrs(&french, ".chapters li > span", "lang"),
        ["en", "en"],
        "titles only the source has are marked"
    );
}

fn events(path: &std::path::Path) -> serde_json::Value {
    let script = crate::support::repo().join("tests/scripts/event_ics.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn an_upcoming_session_has_a_calendar_entry_that_agrees_with_the_site_calendar() {
    let site = site();
    let page = site.page("clinics/next/index.html");
    assert_eq!(
        attrs(&page, ".session-actions a[download]", "href"),
        ["/clinics/next/event.ics"]
    );
    assert_eq!(
        attrs(&page, ".session-actions a.join", "href"),
        ["https://meet.example.org/lets-connect"]
    );
    let event = events(&site.out.join("clinics/next/event.ics"));
    let event = &event[0];
    assert_eq!(event["start"], "2025-03-20T13:00:00+00:00");
    assert_eq!(
        event["end"], "2025-03-20T14:30:00+00:00",
        "start + 90 minutes"
    );
    assert_eq!(event["summary"], "Next session");
    assert!(
        event["url"].as_str().unwrap().ends_with("/clinics/next/"),
        "{event}"
    );
    assert_eq!(event["conference"], "https://meet.example.org/lets-connect");
    let all = events(&site.out.join("calendar.ics"));
    let same = all
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["uid"] == event["uid"])
        .unwrap();
    assert_eq!(same, event, "the site's calendar carries the same event");
    assert!(
        !site.out.join("clinics/clips/event.ics").exists(),
        "no entry for a past session"
    );
    assert!(
        site.page("clinics/clips/index.html")
            .select(&scraper::Selector::parse(".session-actions").unwrap())
            .next()
            .is_none()
    );
    let fr = events(&site.out.join("fr/clinics/next/event.ics"));
    assert_eq!(fr[0]["start"], event["start"]);
}
