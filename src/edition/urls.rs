//! URLs and output paths of every page (SPEC.md's URL list), for one language.
//!
//! A [`Route`] is a site path such as `clinics/x/`: [`Urls::url`] turns it into
//! the root-relative link written in pages (`/sub/fr/clinics/x/`), and
//! [`Route::file`] into the file written (`fr/clinics/x/index.html`). Keeping
//! both in one place is what makes sub-path mirrors work: no template ever
//! writes a URL by hand.

use crate::config::BaseUrl;
use crate::content::Section;
use crate::vocab::Level;

/// A path inside the site, without the base path or language prefix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Route(String);

impl Route {
    /// A directory page (`clinics/x/`) or a file (`calendar.ics`).
    pub fn new(path: impl Into<String>) -> Self {
        Route(path.into())
    }

    /// The site path.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file this route is written to, under a language prefix.
    pub fn file(&self, prefix: &str) -> String {
        if self.0.is_empty() || self.0.ends_with('/') {
            [prefix, &self.0, "index.html"].concat()
        } else {
            [prefix, &self.0].concat()
        }
    }
}

/// Builds the routes and links of one language of one build.
#[derive(Debug, Clone)]
pub struct Urls {
    base: BaseUrl,
    /// `""` for the root language, `fr/` for the others.
    prefix: String,
}

impl Urls {
    /// Links for a language published under `prefix` (`""` or `fr/`).
    pub fn new(base: BaseUrl, prefix: impl Into<String>) -> Self {
        Urls {
            base,
            prefix: prefix.into(),
        }
    }

    /// The language prefix of output files.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The root-relative link to a route in this language.
    pub fn url(&self, route: &Route) -> String {
        self.base.local_of(&[&self.prefix, &route.0])
    }

    /// The absolute URL of a route in this language (feeds, sitemaps, canonical links).
    pub fn absolute(&self, route: &Route) -> String {
        self.base.absolute_of(&[&self.prefix, &route.0])
    }

    /// The link to a language-neutral asset (`static/style.1234.css`).
    pub fn asset(&self, path: &str) -> String {
        self.base.local(path)
    }
}

/// `/`
pub fn home() -> Route {
    Route::new("")
}

/// Page `page` (0-based) of a paginated list: the list itself, then `page/2/`...
pub fn paged(route: &Route, page: usize) -> Route {
    if page == 0 {
        route.clone()
    } else {
        Route::new(format!("{}page/{}/", route.as_str(), page + 1))
    }
}

/// `/clinics/<slug>/`
pub fn clinic(slug: &str) -> Route {
    Route::new(format!("clinics/{slug}/"))
}

/// `/clinics/<slug>/summary/`
pub fn clinic_summary(slug: &str) -> Route {
    Route::new(format!("clinics/{slug}/summary/"))
}

/// `/clinics/<slug>/event.ics`: one upcoming session's calendar entry.
pub fn clinic_event(slug: &str) -> Route {
    Route::new(format!("clinics/{slug}/event.ics"))
}

/// `/calendar/`
pub fn calendar() -> Route {
    Route::new("calendar/")
}

/// `/calendar.ics`
pub fn calendar_ics() -> Route {
    Route::new("calendar.ics")
}

/// `/levels/<level>/`
pub fn level(level: Level) -> Route {
    Route::new(format!("levels/{level}/"))
}

/// `/topics/`
pub fn topics() -> Route {
    Route::new("topics/")
}

/// `/topics/<slug>/`
pub fn topic(slug: &str) -> Route {
    Route::new(format!("topics/{slug}/"))
}

/// `/sharers/`
pub fn sharers() -> Route {
    Route::new("sharers/")
}

/// `/sharers/<slug>/`
pub fn sharer(slug: &str) -> Route {
    Route::new(format!("sharers/{slug}/"))
}

/// `/newsletter/`
pub fn newsletter() -> Route {
    Route::new("newsletter/")
}

/// `/newsletter/<slug>/`
pub fn issue(slug: &str) -> Route {
    Route::new(format!("newsletter/{slug}/"))
}

/// `/newsletter/atom.xml`
pub fn atom() -> Route {
    Route::new("newsletter/atom.xml")
}

/// `/<slug>/`
pub fn page(slug: &str) -> Route {
    Route::new(format!("{slug}/"))
}

/// `/search/`
pub fn search() -> Route {
    Route::new("search/")
}

/// `/translations/`
pub fn translations() -> Route {
    Route::new("translations/")
}

/// `/404.html`
pub fn not_found() -> Route {
    Route::new("404.html")
}

/// The page of any record, for `@/<section>/<slug>.md` links.
pub fn record(section: Section, slug: &str) -> Route {
    match section {
        Section::Clinics => clinic(slug),
        Section::Sharers => sharer(slug),
        Section::Topics => topic(slug),
        Section::Newsletter => issue(slug),
        Section::Pages => page(slug),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_become_links_and_files() {
        let urls = Urls::new(
            BaseUrl::parse("https://example.org/letsconnect/").unwrap(),
            "fr/",
        );
        assert_eq!(urls.url(&clinic("x")), "/letsconnect/fr/clinics/x/");
        assert_eq!(
            urls.absolute(&home()),
            "https://example.org/letsconnect/fr/"
        );
        assert_eq!(clinic("x").file("fr/"), "fr/clinics/x/index.html");
        assert_eq!(home().file(""), "index.html");
        assert_eq!(calendar_ics().file(""), "calendar.ics");
        assert_eq!(
            urls.asset("static/style.css"),
            "/letsconnect/static/style.css"
        );
    }
}
