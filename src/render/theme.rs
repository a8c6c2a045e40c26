//! The theme: Tera templates and static files (`themes/<name>/`).
//!
//! A site's own `themes/<name>/` wins; a site without one (a test fixture, a
//! new mirror) gets the default theme built into the binary, so the output
//! of the two is the same. The stylesheet is fingerprinted
//! (`static/style.<hash>.css`) so hosts can cache it for a year.

use std::path::Path;

use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::content::boundary::{Boundary, outside};
use crate::content::walk::display_path;

use super::RenderError;

/// The default theme, compiled in.
const BUILT_IN_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "components.html",
        include_str!("../../themes/default/templates/components.html"),
    ),
    (
        "card.html",
        include_str!("../../themes/default/templates/card.html"),
    ),
    (
        "nav.html",
        include_str!("../../themes/default/templates/nav.html"),
    ),
    (
        "home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "clinic.html",
        include_str!("../../themes/default/templates/clinic.html"),
    ),
    (
        "summary.html",
        include_str!("../../themes/default/templates/summary.html"),
    ),
    (
        "calendar.html",
        include_str!("../../themes/default/templates/calendar.html"),
    ),
    (
        "level.html",
        include_str!("../../themes/default/templates/level.html"),
    ),
    (
        "topics.html",
        include_str!("../../themes/default/templates/topics.html"),
    ),
    (
        "topic.html",
        include_str!("../../themes/default/templates/topic.html"),
    ),
    (
        "sharers.html",
        include_str!("../../themes/default/templates/sharers.html"),
    ),
    (
        "sharer.html",
        include_str!("../../themes/default/templates/sharer.html"),
    ),
    (
        "newsletter.html",
        include_str!("../../themes/default/templates/newsletter.html"),
    ),
    (
        "issue.html",
        include_str!("../../themes/default/templates/issue.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "translations.html",
        include_str!("../../themes/default/templates/translations.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
];

const BUILT_IN_STATIC: &[(&str, &[u8])] = &[
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "local-time.js",
        include_bytes!("../../themes/default/static/local-time.js"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
];

/// A file copied to the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Output path (`static/style.1a2b3c4d.css`).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Templates and assets, ready to render.
pub struct Theme {
    /// The compiled templates, squeezed.
    pub tera: tera::Tera,
    /// The templates as written (file name, text), for error messages.
    sources: Vec<(String, String)>,
    /// Static files.
    pub assets: Vec<Asset>,
    /// Output path of the stylesheet.
    pub css_path: String,
    /// Output path of the local-time script.
    pub js_path: String,
    /// Output path of the search client.
    pub search_js_path: String,
}

/// Loads `root/themes/<name>`, or the built-in default theme.
pub fn load(root: &Path, name: &str) -> Result<Theme, RenderError> {
    let dir = root.join("themes").join(name);
    let (templates, statics) = if dir.join("templates").is_dir() {
        (
            read_dir(root, &dir.join("templates"))?,
            read_dir(root, &dir.join("static"))?,
        )
    } else if name == "default" {
        let templates = BUILT_IN_TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
            .collect();
        let statics = BUILT_IN_STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        (templates, statics)
    } else {
        return Err(RenderError::Theme(format!(
            "themes/{name}/templates does not exist"
        )));
    };
    let mut sources = Vec::new();
    for (file, bytes) in templates {
        let text = String::from_utf8(bytes)
            .map_err(|_| RenderError::Theme(format!("template {file} is not UTF-8")))?;
        sources.push((file, text));
    }
    // Compiled as written first, so that errors give the theme's own line numbers.
    compile(sources.clone()).map_err(|e| RenderError::Template(super::error_chain(&e)))?;
    let squeezed = sources
        .iter()
        .map(|(file, text)| (file.clone(), super::squeeze::squeeze(text)))
        .collect();
    let tera = compile(squeezed).map_err(|e| RenderError::Template(super::error_chain(&e)))?;
    let (assets, css_path, js_path, search_js_path) = fingerprint(statics);
    Ok(Theme {
        tera,
        sources,
        assets,
        css_path,
        js_path,
        search_js_path,
    })
}

impl Theme {
    /// Renders `template` with `context`. A failure is reported against the
    /// template as written, not as squeezed, so its line and column are the
    /// theme author's own. The page comes back as bytes, ready to write:
    /// making it a `String` checked all of it for UTF-8 once more.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<Vec<u8>, RenderError> {
        self.render_then(template, context, <[u8]>::to_vec)
    }

    /// [`Theme::render`], handing the page to `then` where it was rendered,
    /// in this thread's scratch buffer, instead of as a copy of its own: a
    /// build writes each page at once, and copying every page out was 1 %
    /// of a build's instructions (1k × 2).
    pub fn render_then<R>(
        &self,
        template: &str,
        context: &tera::Context,
        then: impl FnOnce(&[u8]) -> R,
    ) -> Result<R, RenderError> {
        self.rendered(template, context, then)
            .map_err(|message| RenderError::Template(format!("{template}: {message}")))
    }

    /// Renders a piece of a page (a clinic card): like [`Theme::render`],
    /// but as text and with a template error, for the page context it goes into.
    pub fn fragment(&self, template: &str, context: &tera::Context) -> Result<String, tera::Error> {
        let text = self
            .rendered(template, context, <[u8]>::to_vec)
            .map_err(|message| tera::Error::message(format!("{template}: {message}")))?;
        String::from_utf8(text).map_err(|_| tera::Error::message(format!("{template}: not UTF-8")))
    }

    /// Renders `template` into this thread's scratch buffer, kept from page
    /// to page, and gives `then` the result. A page rendered into a fresh
    /// buffer of its own kept the buffer's spare room (16 KB for a 3 KB
    /// summary) until it was written, and the pages longer than the buffer
    /// grew it, copying, on the way.
    fn rendered<R>(
        &self,
        template: &str,
        context: &tera::Context,
        then: impl FnOnce(&[u8]) -> R,
    ) -> Result<R, String> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Vec<u8>> =
                std::cell::RefCell::new(Vec::with_capacity(64 * 1024));
        }
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.try_borrow_mut();
            // A render within a render on this thread: a buffer of its own.
            let mut own = Vec::new();
            let out = match &mut scratch {
                Ok(scratch) => {
                    scratch.clear();
                    &mut **scratch
                }
                Err(_) => &mut own,
            };
            self.render_into(template, context, out)?;
            Ok(then(out))
        })
    }

    /// Renders `template` into `out`; on failure, the message of the error
    /// as the templates were written.
    fn render_into(
        &self,
        template: &str,
        context: &tera::Context,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        self.tera
            .render_to(template, context, &mut *out)
            .map_err(|squeezed_error| {
                let error = compile(self.sources.clone())
                    .and_then(|as_written| as_written.render(template, context))
                    .err()
                    .unwrap_or(squeezed_error);
                super::error_chain(&error)
            })
    }
}

/// A Tera instance holding `templates`, escaping `.html` output with [`escape_html_into`](super::escape::escape_html_into).
fn compile(templates: Vec<(String, String)>) -> Result<tera::Tera, tera::Error> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(super::escape::escape_html_into);
    tera.register_filter("safe", safe);
    tera.add_raw_templates(templates)?;
    Ok(tera)
}

/// Tera's `safe` filter, without copying a string it is given: Tera's own
/// copies the text into a new string, and pages pass their body, their
/// navigation and every card in a list through it.
fn safe(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.is_string() {
        value.mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

/// Every file under `dir`, as (path relative to `dir`, bytes), sorted.
fn read_dir(root: &Path, dir: &Path) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    let boundary = Boundary::new(root);
    if !boundary.contains(dir) {
        return Err(RenderError::Theme(
            outside(&display_path(root, dir)).to_string(),
        ));
    }
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.map_err(|e| RenderError::Theme(e.to_string()))?;
        if entry.path_is_symlink() && !boundary.contains(entry.path()) {
            let shown = display_path(root, entry.path());
            return Err(RenderError::Theme(outside(&shown).to_string()));
        }
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).map_err(|e| {
                RenderError::Theme(format!("{}: {e}", display_path(root, entry.path())))
            })?;
            files.push((display_path(dir, entry.path()), bytes));
        }
    }
    Ok(files)
}

/// Puts assets under `static/`, stylesheets and scripts with their content
/// hash in their name; returns them with the stylesheet's and the script's paths.
fn fingerprint(statics: Vec<(String, Vec<u8>)>) -> (Vec<Asset>, String, String, String) {
    let mut css_path = String::from("static/style.css");
    let mut js_path = String::from("static/local-time.js");
    let mut search_js_path = String::from("static/search.js");
    let assets = statics
        .into_iter()
        .map(|(name, bytes)| {
            let path = match name
                .strip_suffix(".css")
                .or_else(|| name.strip_suffix(".js"))
            {
                Some(stem) => {
                    let ext = &name[stem.len()..];
                    let hash = hex(&Sha256::digest(&bytes)[..5]);
                    format!("static/{stem}.{hash}{ext}")
                }
                None => format!("static/{name}"),
            };
            match name.as_str() {
                "style.css" => css_path = path.clone(),
                "local-time.js" => js_path = path.clone(),
                "search.js" => search_js_path = path.clone(),
                _ => {}
            }
            Asset { path, bytes }
        })
        .collect();
    (assets, css_path, js_path, search_js_path)
}

/// Lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    /// A theme of one template, `file` holding `text`, and a context in
    /// which `name.title` is all there is (the folder lives as long as the theme is used).
    fn theme_of(
        file: &str,
        text: &str,
        name: &'static str,
    ) -> (tempfile::TempDir, super::Theme, tera::Context) {
        let root = tempfile::tempdir().unwrap();
        let templates = root.path().join("themes/plain/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join(file), text).unwrap();
        let theme = super::load(root.path(), "plain").unwrap();
        let mut context = tera::Context::new();
        context.insert(name, &std::collections::BTreeMap::from([("title", "T")]));
        (root, theme, context)
    }

    #[test]
    fn a_render_error_points_at_the_template_as_written() {
        let page = "<ul>\n  <li>\n    {{ page.missing }}\n  </li>\n</ul>\n";
        let (_root, theme, context) = theme_of("page.html", page, "page");
        let message = theme.render("page.html", &context).unwrap_err().to_string();
        assert!(message.contains("page.html:3:"), "{message}");
        assert!(message.contains("    {{ page.missing }}"), "{message}");
    }

    #[test]
    fn a_card_error_names_the_card_template_as_written() {
        let card = "<li>\n  {{ c.title }}\n  {{ c.missing }}\n</li>";
        let (_root, theme, context) = theme_of("card.html", card, "c");
        let message = theme
            .fragment("card.html", &context)
            .unwrap_err()
            .to_string();
        assert!(message.contains("card.html:3:"), "{message}");
        assert!(message.contains("  {{ c.missing }}"), "{message}");
        // A theme made before cards had a template of their own.
        let message = theme
            .fragment("absent.html", &context)
            .unwrap_err()
            .to_string();
        assert!(message.starts_with("absent.html: "), "{message}");
        assert!(message.contains("absent.html"), "{message}");
    }

    #[test]
    fn safe_writes_what_teras_own_safe_writes() {
        // Each value through this theme's `safe` and through Tera's own.
        let template = "{{ v | safe }}|{{ v }}";
        let theirs = {
            let mut tera = tera::Tera::default();
            tera.autoescape_on(vec![".html"]);
            tera.add_raw_template("t.html", template).unwrap();
            tera
        };
        let ours = super::compile(vec![("t.html".into(), template.into())]).unwrap();
        let long = "<p>a body & more</p>".repeat(20);
        let values = [
            tera::Value::from("<b>bold</b> & 'quoted'"),
            tera::Value::from(long.as_str()),
            tera::Value::safe_string("<i>already safe</i>"),
            tera::Value::from(42),
            tera::Value::from(true),
        ];
        for value in values {
            let mut context = tera::Context::new();
            context.insert_value("v", value.clone());
            let ours = ours.render("t.html", &context).unwrap();
            let theirs = theirs.render("t.html", &context).unwrap();
            // Before the `|`, unescaped by both; after it, escaped as each
            // escapes (this theme leaves `/` alone, Tera does not).
            assert_eq!(
                ours.split('|').next(),
                theirs.split('|').next(),
                "{value:?}"
            );
        }
        // A long string comes back as the same text, not a copy of it.
        let body = tera::Value::from(long.as_str());
        let state = tera::Context::new();
        let marked = super::safe(
            body.clone(),
            tera::Kwargs::default(),
            &tera::State::new(&state),
        );
        assert!(marked.is_safe() && !body.is_safe());
        assert_eq!(
            marked.as_str().map(str::as_ptr),
            body.as_str().map(str::as_ptr)
        );
        // The value given is unchanged: marking the filter's copy safe did
        // not make the original safe.
        let mut context = tera::Context::new();
        context.insert_value("v", tera::Value::from("<b>"));
        assert_eq!(ours.render("t.html", &context).unwrap(), "<b>|&lt;b&gt;");
    }
}
