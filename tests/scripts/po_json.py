"""A PO file's live messages as JSON, read by polib (a parser independent of
tandem's): {msgctxt: {"msgid", "plural", "forms": [msgstr...], "translated"}}.

usage: po_json.py FILE.po
"""

import json
import sys

import polib

catalogue = polib.pofile(sys.argv[1])
out = {}
for m in catalogue:
    forms = [m.msgstr_plural[i] for i in sorted(m.msgstr_plural)] if m.msgid_plural else [m.msgstr]
    out[m.msgctxt] = {"msgid": m.msgid, "plural": bool(m.msgid_plural), "forms": forms, "translated": m.translated()}
print(json.dumps(out, ensure_ascii=False))
