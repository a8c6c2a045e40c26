#!/usr/bin/env python3
"""Fills a PO file for every record that has a `<slug>.fr.md` hand translation
in a generated corpus, and removes that file: the French side of the corpus,
moved to gettext PO, for benches/po_vs_md.sh.

The corpus's French is not a block-for-block translation of its English
(`tandem translations import` rightly refuses most of it), so each message of
the record's template is filled with its own text prefixed `fr·` (internal
links kept as they are): the same number of translated units as a real
import would give, read by the same code.

usage: po_fill.py ROOT   (after `tandem translations update --root ROOT`
wrote the templates; polib must be importable)
"""
import pathlib
import sys

import polib

root = pathlib.Path(sys.argv[1])
count = 0
for md in sorted(root.glob("content/*/*.fr.md")):
    section, slug = md.parent.name, md.name[: -len(".fr.md")]
    template = root / "i18n" / "templates" / section / f"{slug}.pot"
    po = polib.pofile(str(template))
    po.metadata["Language"] = "fr"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    for entry in po:
        entry.msgstr = "fr·" + entry.msgid
    target = root / "i18n" / "fr" / section / f"{slug}.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(target))
    md.unlink()
    count += 1
print(f"{count} PO files filled")
