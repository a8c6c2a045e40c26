//! Rules for `content/site.yaml`: a title, an http(s) base URL, a default
//! language that is among the languages, valid mirror profiles.

use crate::config::{BaseUrl, Mirror, RawMirror, RawSiteConfig, SiteConfig};
use crate::content::records::Text;
use crate::diagnostic::{Diagnostic, Diagnostics};

use super::fields::Fields;

const PATH: &str = "content/site.yaml";

/// Resolves the settings; `None` (with diagnostics) when they are unusable.
pub fn check(raw: Option<&RawSiteConfig>, problems: &mut Diagnostics) -> Option<SiteConfig> {
    let raw = raw?;
    let mut f = Fields {
        path: PATH,
        first_line: 1,
        problems,
    };
    let title = f.required(&raw.title, "title", "site settings file", "Let's Connect");
    let description = f
        .optional(&raw.description, "description")
        .unwrap_or_default();
    let base_url = match &raw.base_url {
        Some(value) => base_url(&mut f, value),
        None => {
            f.missing(
                "base_url",
                "site settings file",
                "https://letsconnect.example.org/",
            );
            None
        }
    };
    let default_language = match &raw.default_language {
        Some(value) => f.language(value, "default_language"),
        None => {
            f.missing("default_language", "site settings file", "en");
            None
        }
    };
    let languages = languages(
        &mut f,
        raw.languages.as_ref().map(|l| &l.value),
        default_language.as_deref(),
        "languages",
    );
    let theme = theme(&mut f, &raw.theme);
    let mirrors = mirrors(&mut f, raw, &languages);
    let registration = address(&mut f, &raw.registration, "registration");
    let newsletter_subscription = address(
        &mut f,
        &raw.newsletter_subscription,
        "newsletter_subscription",
    );
    Some(SiteConfig {
        title: title?,
        description,
        base_url: base_url?,
        default_language: default_language?,
        languages,
        theme,
        mirrors,
        language_redirect: raw.language_redirect.as_ref().is_some_and(|r| r.value),
        registration: registration?,
        newsletter_subscription: newsletter_subscription?,
    })
}

/// The theme's folder name, `default` when absent.
fn theme(f: &mut Fields, value: &Option<Text>) -> String {
    let theme = f
        .optional(value, "theme")
        .unwrap_or_else(|| "default".into());
    if !crate::vocab::is_slug(&theme) {
        if let Some(value) = value {
            f.report(
                value,
                format!("`{theme}` is not a theme folder name"),
                "use the name of a folder in themes/, such as `default`",
            );
        }
    }
    theme
}

/// An optional `https://` address: `Some(None)` when absent or blank,
/// `None` (reported) when wrong.
fn address(f: &mut Fields, value: &Option<Text>, key: &str) -> Option<Option<String>> {
    value
        .as_ref()
        .filter(|v| !v.value.trim().is_empty())
        .map_or(Some(None), |v| f.https_url(v, key))
}

fn base_url(f: &mut Fields, value: &Text) -> Option<BaseUrl> {
    let parsed = BaseUrl::parse(value.value.trim());
    if parsed.is_none() {
        f.report(
            value,
            format!("`{}` is not a site address", value.value),
            "write the full address, for example `https://example.org/letsconnect/`",
        );
    }
    parsed
}

/// The language list, default first; the default is added when missing from the list.
fn languages(
    f: &mut Fields,
    list: Option<&Vec<Text>>,
    default: Option<&str>,
    key: &str,
) -> Vec<String> {
    let mut out: Vec<String> = default.map(str::to_string).into_iter().collect();
    for item in list.into_iter().flatten() {
        if let Some(lang) = f.language(item, key) {
            if !out.contains(&lang) {
                out.push(lang);
            }
        }
    }
    out
}

fn mirrors(f: &mut Fields, raw: &RawSiteConfig, site_languages: &[String]) -> Vec<Mirror> {
    let mut out: Vec<Mirror> = Vec::new();
    for item in raw.mirrors.iter().flat_map(|m| m.value.iter()) {
        if let Some(mirror) = mirror(f, item, site_languages) {
            if out.iter().any(|m| m.name == mirror.name) {
                f.problems.push(
                    Diagnostic::file(PATH, format!("two mirrors are called `{}`", mirror.name))
                        .hint("give each mirror its own name"),
                );
            } else {
                out.push(mirror);
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn mirror(f: &mut Fields, raw: &RawMirror, site_languages: &[String]) -> Option<Mirror> {
    let name = f.required(&raw.name, "name", "mirror", "igbo");
    let base_url = raw.base_url.as_ref().and_then(|v| base_url(f, v));
    if raw.base_url.is_none() {
        f.missing("base_url", "mirror", "https://example.org/letsconnect/");
    }
    let default_language = raw
        .default_language
        .as_ref()
        .and_then(|v| configured(f, v, site_languages));
    if raw.default_language.is_none() {
        f.missing("default_language", "mirror", "ig");
    }
    let mut languages = languages(
        f,
        raw.languages.as_ref().map(|l| &l.value),
        default_language.as_deref(),
        "languages",
    );
    if raw.languages.is_none() {
        languages.extend(
            site_languages
                .iter()
                .filter(|l| !languages.contains(l))
                .cloned()
                .collect::<Vec<_>>(),
        );
    }
    for lang in raw.languages.iter().flat_map(|l| l.value.iter()) {
        configured(f, lang, site_languages);
    }
    Some(Mirror {
        name: name?,
        base_url: base_url?,
        default_language: default_language?,
        languages,
    })
}

fn configured(f: &mut Fields, value: &Text, site_languages: &[String]) -> Option<String> {
    let lang = f.language(value, "languages")?;
    if site_languages.contains(&lang) {
        Some(lang)
    } else {
        f.report(
            value,
            format!("`{lang}` is not one of the site's `languages`"),
            format!(
                "add `{lang}` to `languages` first, or use one of: {}",
                site_languages.join(", ")
            ),
        );
        None
    }
}
