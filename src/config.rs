//! Site settings: `content/site.yaml` as written, and as resolved for one build.
//!
//! `site.yaml` names the site, its main URL, its default language and the
//! languages it is published in, and optionally mirror profiles for
//! affiliates. A build may override the default language and base URL from
//! the command line (`--lang`, `--base-url`); [`BaseUrl`] then carries the
//! sub-path so that every link in the output works under it.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A string with the place it was written.
type Text = Spanned<String>;

/// `content/site.yaml` as an editor writes it.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSiteConfig {
    /// The site's name, in the default language.
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    /// One sentence saying what the site is, for search engines and feeds.
    #[schemars(with = "Option<String>")]
    pub description: Option<Text>,
    /// Where the site is published: `https://host/` or `https://host/sub/path/`.
    #[schemars(with = "Option<String>")]
    pub base_url: Option<Text>,
    /// The language of the root of the site.
    #[schemars(with = "Option<String>")]
    pub default_language: Option<Text>,
    /// Every language the site is published in (BCP 47 codes).
    #[schemars(with = "Option<Vec<String>>")]
    pub languages: Option<Spanned<Vec<Text>>>,
    /// The theme folder under `themes/`; `default` when absent.
    #[schemars(with = "Option<String>")]
    pub theme: Option<Text>,
    /// Affiliate mirror profiles.
    #[schemars(with = "Option<Vec<RawMirror>>")]
    pub mirrors: Option<Spanned<Vec<RawMirror>>>,
    /// On Netlify, send visitors of `/` to their browser's language.
    #[schemars(with = "Option<bool>")]
    pub language_redirect: Option<Spanned<bool>>,
    /// Where people register for the programme (`https://…`): linked from the Join page and every page's footer.
    #[schemars(with = "Option<String>")]
    pub registration: Option<Text>,
    /// Where people subscribe to the newsletter (`https://…`): linked from the newsletter page.
    #[schemars(with = "Option<String>")]
    pub newsletter_subscription: Option<Text>,
}

impl RawSiteConfig {
    /// Every key `site.yaml` may have.
    pub const KEYS: &'static [&'static str] = &[
        "title",
        "description",
        "base_url",
        "default_language",
        "languages",
        "theme",
        "mirrors",
        "language_redirect",
        "registration",
        "newsletter_subscription",
    ];
}

/// One mirror profile in `site.yaml`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMirror {
    /// The profile's name, used on the command line.
    #[schemars(with = "Option<String>")]
    pub name: Option<Text>,
    /// Where the mirror is published.
    #[schemars(with = "Option<String>")]
    pub base_url: Option<Text>,
    /// The mirror's root language.
    #[schemars(with = "Option<String>")]
    pub default_language: Option<Text>,
    /// The languages the mirror includes; all of the site's when absent.
    #[schemars(with = "Option<Vec<String>>")]
    pub languages: Option<Spanned<Vec<Text>>>,
}

/// A published URL split into origin and path, always ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.org`
    pub origin: String,
    /// `/` or `/letsconnect/`
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host[:port][/path]`; `None` when it is not an http(s) URL.
    pub fn parse(url: &str) -> Option<BaseUrl> {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))?;
        let scheme_len = url.len() - rest.len();
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        let path_ok = !path.contains(['?', '#', ' ', '"', '<', '>', '\\']);
        if !host_ok || !path_ok {
            return None;
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Some(BaseUrl {
            origin: url[..scheme_len + host.len()].to_string(),
            path,
        })
    }

    /// The full URL of a site path (`clinics/x/` → `https://host/sub/clinics/x/`).
    pub fn absolute(&self, site_path: &str) -> String {
        self.absolute_of(&["", site_path])
    }

    /// The root-relative URL of a site path (`clinics/x/` → `/sub/clinics/x/`).
    pub fn local(&self, site_path: &str) -> String {
        self.local_of(&["", site_path])
    }

    /// [`BaseUrl::local`] of the site path that `parts` make together,
    /// without building that path first. (Pages make hundreds of thousands
    /// of links; joining them in one allocation, not through `format!`,
    /// was about 1 % of a build.)
    pub fn local_of(&self, parts: &[&str]) -> String {
        let mut url = String::with_capacity(self.path.len() + length(parts));
        url.push_str(&self.path);
        push_site_path(&mut url, parts);
        url
    }

    /// [`BaseUrl::absolute`] of the site path that `parts` make together.
    pub fn absolute_of(&self, parts: &[&str]) -> String {
        let mut url = String::with_capacity(self.origin.len() + self.path.len() + length(parts));
        url.push_str(&self.origin);
        url.push_str(&self.path);
        push_site_path(&mut url, parts);
        url
    }
}

fn length(parts: &[&str]) -> usize {
    parts.iter().map(|part| part.len()).sum()
}

/// Appends the site path that `parts` make, less its leading slashes.
fn push_site_path(url: &mut String, parts: &[&str]) {
    let mut leading = true;
    for part in parts {
        if leading {
            let rest = part.trim_start_matches('/');
            leading = rest.is_empty();
            url.push_str(rest);
        } else {
            url.push_str(part);
        }
    }
}

/// A mirror profile, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    /// The profile's name.
    pub name: String,
    /// Where it is published.
    pub base_url: BaseUrl,
    /// Its root language.
    pub default_language: String,
    /// Its languages, root language first.
    pub languages: Vec<String>,
}

/// Site settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    /// The site's name.
    pub title: String,
    /// What the site is, in one sentence.
    pub description: String,
    /// The main site's URL (mirrors link their canonical pages there).
    pub base_url: BaseUrl,
    /// The language of the main site's root.
    pub default_language: String,
    /// Every language, default first, then in the order `site.yaml` lists them.
    pub languages: Vec<String>,
    /// The theme folder name.
    pub theme: String,
    /// Mirror profiles, by name order.
    pub mirrors: Vec<Mirror>,
    /// Netlify `Accept-Language` redirect from `/`.
    pub language_redirect: bool,
    /// Where people register for the programme.
    pub registration: Option<String>,
    /// Where people subscribe to the newsletter.
    pub newsletter_subscription: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_keep_their_sub_path() {
        let b = BaseUrl::parse("https://example.org/letsconnect").unwrap();
        assert_eq!(b.origin, "https://example.org");
        assert_eq!(b.path, "/letsconnect/");
        assert_eq!(b.local("clinics/x/"), "/letsconnect/clinics/x/");
        assert_eq!(b.absolute("/"), "https://example.org/letsconnect/");
        assert_eq!(BaseUrl::parse("http://127.0.0.1:1111/").unwrap().path, "/");
        assert!(BaseUrl::parse("ftp://x").is_none());
        assert!(BaseUrl::parse("https://").is_none());
        assert!(BaseUrl::parse("javascript:alert(1)").is_none());
    }

    #[test]
    fn a_path_in_parts_links_like_the_path_joined() {
        let b = BaseUrl::parse("https://example.org/sub").unwrap();
        let cases: &[&[&str]] = &[
            &["", "clinics/x/"],
            &["fr/", "clinics/x/"],
            &["", "/calendar/"],
            &["/", "//x"],
            &["", ""],
            &["fr/", "/odd"],
            &["a", "b", "c"],
        ];
        for parts in cases {
            let joined = parts.concat();
            assert_eq!(b.local_of(parts), b.local(&joined), "{parts:?}");
            assert_eq!(
                b.local(&joined),
                format!("/sub/{}", joined.trim_start_matches('/'))
            );
            assert_eq!(
                b.absolute_of(parts),
                format!("https://example.org{}", b.local(&joined))
            );
        }
    }
}
