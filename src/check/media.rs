//! Times in a recording: a resource's `duration`, the `start` and `end` of
//! the part worth watching (a clip), and its `chapters`. Times are written
//! `m:ss`, `mm:ss` or `h:mm:ss`; each mistake (a bad form, an end before
//! its start, a time past the recording's `duration`, chapters out of
//! order) is reported at the value's line.

use crate::content::records::{RawResource, Text};
use crate::site::{Chapter, Clip};

use super::fields::Fields;

/// `5:30` → 330, `1:05:30` → 3930; `None` unless minutes and seconds are
/// two digits under 60 (minutes may be one or more digits when there are
/// no hours).
pub fn seconds(text: &str) -> Option<u32> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    let number = |part: &str, max: u32| {
        (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
            .filter(|n| *n < max)
    };
    let two = |part: &str| (part.len() == 2).then(|| number(part, 60)).flatten();
    match parts.as_slice() {
        [m, s] => Some(number(m, 10_000)? * 60 + two(s)?),
        [h, m, s] => Some(number(h, 1_000)? * 3600 + two(m)? * 60 + two(s)?),
        _ => None,
    }
}

/// A resource's clip and chapters, checked; `None` when something is wrong
/// (each problem reported).
pub fn clip_and_chapters(
    f: &mut Fields,
    item: &RawResource,
) -> Option<(Option<Clip>, Vec<Chapter>)> {
    let mut ok = true;
    let mut time = |f: &mut Fields, value: &Option<Text>, key: &str| -> Option<u32> {
        let value = value.as_ref()?;
        let parsed = seconds(&value.value);
        if parsed.is_none() {
            f.report(
                value,
                format!(
                    "`{key}: {}` is not a time in the recording",
                    value.value.trim()
                ),
                "write minutes and seconds as `5:30`, or hours too as `1:05:30`",
            );
            ok = false;
        }
        parsed
    };
    let duration = time(f, &item.duration, "duration");
    let start = time(f, &item.start, "start");
    let end = time(f, &item.end, "end");
    let chapters: Vec<(u32, Option<String>, &Text)> = item
        .chapters
        .iter()
        .flat_map(|list| list.value.iter())
        .filter_map(|chapter| {
            let at = time(f, &chapter.at, "at");
            let title = chapter
                .title
                .as_ref()
                .and_then(|t| f.optional(&Some(t.clone()), "title"));
            chapter
                .at
                .as_ref()
                .map(|at_text| (at.unwrap_or(0), title, at_text))
        })
        .collect();
    ok &= within(f, &item.start, start, duration, "start");
    ok &= within(f, &item.end, end, duration, "end");
    ok &= clip_in_order(f, item, start, end);
    ok &= chapters_complete(f, item, &chapters, duration);
    let clip = start.map(|start| Clip { start, end });
    let chapters = chapters
        .into_iter()
        .filter_map(|(at, title, _)| Some(Chapter { at, title: title? }))
        .collect();
    ok.then_some((clip, chapters))
}

/// False (and a report) when `time` lies past the recording's `duration`.
fn within(
    f: &mut Fields,
    value: &Option<Text>,
    time: Option<u32>,
    duration: Option<u32>,
    key: &str,
) -> bool {
    match (value, time, duration) {
        (Some(value), Some(time), Some(duration)) if time > duration => {
            f.report(
                value,
                format!(
                    "`{key}: {}` is after the end of the recording ({})",
                    value.value.trim(),
                    clock(duration)
                ),
                "check the time against the recording, or its `duration`",
            );
            false
        }
        _ => true,
    }
}

fn clip_in_order(f: &mut Fields, item: &RawResource, start: Option<u32>, end: Option<u32>) -> bool {
    match (&item.end, start, end) {
        (Some(value), None, _) if item.start.is_none() => {
            f.report(
                value,
                "this resource has an `end` but no `start`",
                "add `start:` with the time the part begins",
            );
            false
        }
        (Some(value), Some(start), Some(end)) if end <= start => {
            f.report(
                value,
                format!(
                    "`end: {}` is not after `start: {}`",
                    clock(end),
                    clock(start)
                ),
                "the part ends after it starts: swap the two times, or correct one",
            );
            false
        }
        _ => true,
    }
}

/// Every chapter has a time and a title, the times in order and within the recording.
fn chapters_complete(
    f: &mut Fields,
    item: &RawResource,
    chapters: &[(u32, Option<String>, &Text)],
    duration: Option<u32>,
) -> bool {
    let mut ok = true;
    if let Some(list) = &item.chapters {
        let untitled = list
            .value
            .iter()
            .filter(|c| c.title.is_none() || c.at.is_none())
            .count();
        if untitled > 0 {
            f.report(
                list,
                "every chapter needs an `at` time and a `title`",
                "write each chapter as `{at: \"12:00\", title: \"Questions\"}`",
            );
            ok = false;
        }
    }
    let mut previous: Option<u32> = None;
    for (at, _, text) in chapters {
        if previous.is_some_and(|p| *at <= p) {
            f.report(
                *text,
                format!(
                    "chapter at {} is not after the one before it",
                    text.value.trim()
                ),
                "list the chapters in the order they come in the recording",
            );
            ok = false;
        }
        ok &= within(f, &Some((*text).clone()), Some(*at), duration, "at");
        previous = Some(*at);
    }
    ok
}

/// 330 → `5:30`, 3930 → `1:05:30`.
pub fn clock(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_people_write_them() {
        assert_eq!(seconds("5:30"), Some(330));
        assert_eq!(seconds("05:30"), Some(330));
        assert_eq!(seconds("1:05:30"), Some(3930));
        assert_eq!(seconds("90:00"), Some(5400));
        for bad in [
            "5:3",
            "5:60",
            "5",
            "a:30",
            "1:5:30",
            "-1:30",
            "",
            "1:00:00:00",
            "5 :30",
        ] {
            assert_eq!(seconds(bad), None, "{bad}");
        }
        assert_eq!(clock(330), "5:30");
        assert_eq!(clock(3930), "1:05:30");
        for n in [0, 59, 60, 3599, 3600, 86_399] {
            assert_eq!(seconds(&clock(n)), Some(n));
        }
    }
}
