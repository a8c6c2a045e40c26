"""The gettext files of a site, checked by the tools translators' platforms use.

usage: check_gettext.py ROOT TANDEM

For every POT and PO under ROOT/i18n: GNU msgfmt accepts it
(--check-format --check-header --check-domain); `msgmerge --previous` of
its template into each PO changes nothing (tandem's `translations update`
wrote exactly what msgmerge writes); translate-toolkit (the library Weblate
reads files with) parses it, and polib too; pocount's translated and total
units equal the completeness `tandem translations` prints. Prints one line
per file; exits 1 at the first disagreement.
"""

import pathlib
import re
import subprocess
import sys

import polib
from translate.storage import factory
from translate.tools import pocount


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def main():
    root = pathlib.Path(sys.argv[1])
    tandem = sys.argv[2]
    shown = subprocess.run(
        [tandem, "translations", "--root", str(root)],
        capture_output=True, text=True, check=True,
    ).stdout
    completeness = {
        m["lang"]: (int(m["done"]), int(m["total"]))
        for m in re.finditer(r"^(?P<lang>[\w-]+): interface (?P<done>\d+) of (?P<total>\d+) messages translated", shown, re.M)
    }
    # A record's PO file: its row in the status table, and its percentage.
    records = {
        m["path"]: int(m["percent"])
        for m in re.finditer(r"^\s+(?P<path>i18n/\S+\.po)\s+(?P<percent>\d+)%", shown, re.M)
    }
    files = sorted((root / "i18n").rglob("*.po")) + sorted((root / "i18n").rglob("*.pot"))
    if not files:
        fail(f"no PO or POT files under {root}/i18n")
    for path in files:
        checked = subprocess.run(
            ["msgfmt", "--check-format", "--check-header", "--check-domain", "-o", "/dev/null", str(path)],
            capture_output=True, text=True,
        )
        if checked.returncode != 0:
            fail(f"{path}: msgfmt --check: {checked.stderr}")
        store = factory.getobject(str(path))
        units = [u for u in store.units if not u.isheader() and not u.isobsolete()]
        catalogue = polib.pofile(str(path))
        if len(units) != len(catalogue):
            fail(f"{path}: translate-toolkit reads {len(units)} units, polib {len(catalogue)}")
        if path.suffix == ".pot":
            print(f"{path.relative_to(root)}: {len(units)} units, msgfmt ok")
            continue
        # i18n/<lang>/interface.po, i18n/<lang>/<section>/<slug>.po: the
        # template is the same path under i18n/templates/.
        inside = path.relative_to(root / "i18n").parts[1:]
        template = (root / "i18n" / "templates").joinpath(*inside).with_suffix(".pot")
        merged = subprocess.run(
            ["msgmerge", "--quiet", "--previous", str(path), str(template)],
            capture_output=True, check=True,
        ).stdout
        if merged != path.read_bytes():
            fail(f"{path}: msgmerge --previous with {template.name} changes the file")
        stats = pocount.calcstats(str(path))
        counted = (stats["translated"], stats["total"])
        lang = path.relative_to(root / "i18n").parts[0]
        if path.name == "interface.po" and completeness.get(lang) != counted:
            fail(f"{path}: pocount says {counted[0]} of {counted[1]} translated, tandem says {completeness.get(lang)}")
        record = str(path.relative_to(root))
        if path.name != "interface.po" and records.get(record) != counted[0] * 100 // max(counted[1], 1):
            fail(f"{path}: pocount says {counted[0]} of {counted[1]} translated, tandem says {records.get(record)}%")
        print(f"{path.relative_to(root)}: {counted[0]} of {counted[1]} translated, msgfmt ok, msgmerge unchanged, pocount agrees")


main()
