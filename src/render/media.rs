//! Links into a recording: the part worth watching (a clip) and each
//! chapter open at their moment. A direct media file gets a W3C media
//! fragment (`#t=330,375`, which browsers' players honour); a Wikimedia
//! Commons file page goes through `Special:FilePath` (the file itself, so
//! the fragment applies); a YouTube video gets its start-time parameter
//! (`t=330s`; YouTube has no end in a watch link). Any other address (a
//! wiki page listing recordings) is linked as it is, and the clip's times
//! are said in words.

use crate::check::media::clock;
use crate::site::Clip;

/// File endings a browser plays itself, so that a media fragment works.
const MEDIA_FILES: &[&str] = &[
    ".webm", ".mp4", ".m4v", ".ogv", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".wav", ".flac",
];

/// `url`, opening at `start` (and stopping at `end` where the form allows).
pub fn at(url: &str, start: u32, end: Option<u32>) -> String {
    let (base, _) = url.split_once('#').unwrap_or((url, ""));
    let fragment = match end {
        Some(end) => format!("#t={start},{end}"),
        None => format!("#t={start}"),
    };
    if let Some(file) = base.strip_prefix("https://commons.wikimedia.org/wiki/File:") {
        if is_media(file) {
            return format!("https://commons.wikimedia.org/wiki/Special:FilePath/{file}{fragment}");
        }
    }
    if let Some(link) = youtube(base, start) {
        return link;
    }
    if is_media(base.split('?').next().unwrap_or(base)) {
        return format!("{base}{fragment}");
    }
    url.to_string()
}

fn is_media(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    MEDIA_FILES.iter().any(|ending| lower.ends_with(ending))
}

/// A YouTube watch or short link with its start time, any earlier `t` dropped.
fn youtube(url: &str, start: u32) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    let watch = matches!(host, "www.youtube.com" | "youtube.com" | "m.youtube.com")
        && path.starts_with("watch?");
    let short = host == "youtu.be" && !path.is_empty();
    if !watch && !short {
        return None;
    }
    let (before, query) = url.split_once('?').unwrap_or((url, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("t=") && !p.starts_with("start="))
        .collect();
    let mut query = kept.join("&");
    if !query.is_empty() {
        query.push('&');
    }
    Some(format!("{before}?{query}t={start}s"))
}

/// `45 s`, `3 min`, `3 min 20 s`, `1 h 5 min`, from the interface's unit words.
pub fn length(seconds: u32, units: &[String; 3]) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let parts = [(h, &units[0]), (m, &units[1]), (s, &units[2])];
    let shown: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| unit.replace("{n}", &n.to_string()))
        .collect();
    if shown.is_empty() {
        units[2].replace("{n}", "0")
    } else {
        shown.join(" ")
    }
}

/// "Watch 5:30–6:15 (45 s)" or "Watch from 5:30", from the interface's words.
pub fn clip_words(clip: Clip, words: &ClipWords) -> String {
    let from = clock(clip.start);
    match clip.end {
        Some(end) => words
            .between
            .replace("{from}", &from)
            .replace("{to}", &clock(end))
            .replace("{length}", &length(end - clip.start, &words.units)),
        None => words.from.replace("{from}", &from),
    }
}

/// The interface's words for clips, in the page's language.
pub struct ClipWords {
    /// `Watch {from}–{to} ({length})`.
    pub between: String,
    /// `Watch from {from}`.
    pub from: String,
    /// `{n} h`, `{n} min`, `{n} s`.
    pub units: [String; 3],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_address_opens_at_the_moment() {
        assert_eq!(
            at("https://example.org/talks/session.webm", 330, Some(375)),
            "https://example.org/talks/session.webm#t=330,375"
        );
        assert_eq!(
            at("https://example.org/a.MP4#x", 330, None),
            "https://example.org/a.MP4#t=330"
        );
        assert_eq!(
            at(
                "https://commons.wikimedia.org/wiki/File:Let%27s_Connect_clinic.webm",
                330,
                Some(375)
            ),
            "https://commons.wikimedia.org/wiki/Special:FilePath/Let%27s_Connect_clinic.webm#t=330,375"
        );
        assert_eq!(
            at(
                "https://www.youtube.com/watch?v=abc123&t=10s",
                330,
                Some(375)
            ),
            "https://www.youtube.com/watch?v=abc123&t=330s"
        );
        assert_eq!(
            at("https://youtu.be/abc123", 330, None),
            "https://youtu.be/abc123?t=330s"
        );
        let page = "https://meta.wikimedia.org/wiki/Grants:Knowledge_Sharing/Connect/Resources";
        assert_eq!(at(page, 330, Some(375)), page, "a wiki page has no moments");
        assert_eq!(
            at(
                "https://commons.wikimedia.org/wiki/File:Slides.pdf",
                5,
                None
            ),
            "https://commons.wikimedia.org/wiki/File:Slides.pdf"
        );
    }

    #[test]
    fn clips_are_said_with_their_length() {
        let words = ClipWords {
            between: "Watch {from}–{to} ({length})".into(),
            from: "Watch from {from}".into(),
            units: ["{n} h".into(), "{n} min".into(), "{n} s".into()],
        };
        assert_eq!(
            clip_words(
                Clip {
                    start: 330,
                    end: Some(375)
                },
                &words
            ),
            "Watch 5:30–6:15 (45 s)"
        );
        assert_eq!(
            clip_words(
                Clip {
                    start: 60,
                    end: Some(260)
                },
                &words
            ),
            "Watch 1:00–4:20 (3 min 20 s)"
        );
        assert_eq!(
            clip_words(
                Clip {
                    start: 0,
                    end: Some(3900)
                },
                &words
            ),
            "Watch 0:00–1:05:00 (1 h 5 min)"
        );
        assert_eq!(
            clip_words(
                Clip {
                    start: 330,
                    end: None
                },
                &words
            ),
            "Watch from 5:30"
        );
    }
}
