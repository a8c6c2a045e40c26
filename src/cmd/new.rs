//! `tandem new KIND "Title"`: writes a record with every field, each with a
//! comment saying what it is for, so an editor fills in a form rather than
//! remembering the spec. Never overwrites a file.

use std::path::Path;

use crate::cli::Kind;
use crate::vocab;

/// Runs `tandem new`.
pub(crate) fn run(kind: Kind, title: &str, root: &Path, today: Option<&str>) -> Result<(), String> {
    let today = super::today(today)?;
    let date = crate::edition::dates::iso_date(today);
    let slug = vocab::slugify(&deunicode::deunicode(title));
    if slug.is_empty() {
        return Err(format!(
            "error: can't make a file name from \"{title}\"\n  hint: give a title with some letters or digits"
        ));
    }
    let file_slug = match kind {
        Kind::Clinic => format!("{}-{slug}", &date[..7]),
        _ => slug,
    };
    let relative = format!("content/{}/{file_slug}.md", kind.section().folder());
    let path = root.join(&relative);
    if path.exists() {
        return Err(format!(
            "error: {relative} already exists; nothing was written\n  hint: choose another title, or edit the existing file"
        ));
    }
    let text = scaffold(kind, title, &date);
    let write = || -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        std::io::Write::write_all(&mut file, text.as_bytes())
    };
    write().map_err(|e| format!("error: cannot write {relative}: {e}"))?;
    println!("Created {relative}");
    Ok(())
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The text of a new record: its kind's fields from the field table, each
/// with its example and a comment saying what it is for.
pub(crate) fn scaffold(kind: Kind, title: &str, date: &str) -> String {
    crate::content::kinds::Kind::of(kind.section()).scaffold(&quoted(title), date)
}
