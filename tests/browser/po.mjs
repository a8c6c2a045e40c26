// Interface catalogues (i18n/<lang>/interface.po) as the tests read them:
// parsed by polib (tests/scripts/po_json.py, a PO parser independent of
// tandem's), plural forms matched to CLDR categories by Node's own
// Intl.PluralRules, in the order gettext catalogues list them.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO } from "./support.mjs";

const ORDER = ["zero", "one", "two", "few", "many", "other"];
const cache = new Map();

/** The catalogue at `file` (absolute): key → { msgid, plural, forms, translated }; {} if there is none. */
export function catalogue(file) {
  if (!cache.has(file)) {
    let parsed = {};
    if (existsSync(file)) {
      const r = spawnSync("python3", [join(REPO, "tests/scripts/po_json.py"), file], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`polib could not read ${file}: ${r.stderr}`);
      parsed = JSON.parse(r.stdout);
    }
    cache.set(file, parsed);
  }
  return cache.get(file);
}

/** `lang`'s translation of `key` in the catalogue at `file`: a text, or forms by CLDR category; undefined if untranslated. */
export function translation(file, lang, key) {
  const m = catalogue(file)[key];
  if (!m || !m.translated) return undefined;
  if (!m.plural) return m.forms[0];
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories
    .sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  return Object.fromEntries(categories.map((c, i) => [c, m.forms[i]]));
}
