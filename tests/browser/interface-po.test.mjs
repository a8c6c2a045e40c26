// The interface strings from gettext catalogues, as a visitor sees them
// (issue 25). Expected texts come from the PO files read by polib, with the
// plural form chosen by Node's own Intl.PluralRules, never from tandem:
//  - Arabic search counts of 0, 1, 2, 3, 11 and 100 results show the
//    catalogue's form for each number's CLDR category (six forms);
//  - /ig/ shows the Igbo words the catalogue takes from the programme's own
//    Igbo page (and each of them is in that page's text, when the seed is
//    at hand), marked as Igbo, while untranslated labels show English
//    marked as English.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { serve, launch, scratchDir, REPO } from "./support.mjs";
import { catalogue, translation } from "./po.mjs";

const BIN = process.env.TANDEM_BIN || join(REPO, "target/debug/tandem");
const COUNTS = { zqalif: 1, zqba: 2, zqta: 3, zqtha: 11, zqjim: 100 };

/** The search-counts fixture plus 100 clinics, so that each word of COUNTS is in exactly that many. */
function countsSite() {
  const root = join(scratchDir("tandem-po-"), "site");
  cpSync(join(REPO, "tests/fixtures/site/search-counts"), root, { recursive: true });
  for (let i = 1; i <= 100; i++) {
    const words = Object.entries(COUNTS).filter(([, n]) => i <= n).map(([w]) => w).join(" ");
    const slug = `2024-0${1 + (i % 9)}-counted-${String(i).padStart(3, "0")}`;
    writeFileSync(join(root, "content/clinics", `${slug}.md`), `---
title: Counted session ${i}
date: 2024-0${1 + (i % 9)}-10T14:00:00+00:00
format: clinic
levels: [newcomer]
topics: [outreach]
sharers: []
region: mena
languages: [ar]
summary: "A session the plural tests count."
---
Counted words: ${words}.
`);
  }
  return root;
}

function buildAt(root) {
  const out = join(scratchDir("tandem-po-out-"), "public");
  const r = spawnSync(BIN, ["build", "--root", root, "--out", out], { encoding: "utf8", env: { ...process.env, TANDEM_TODAY: "2024-12-01" } });
  assert.equal(r.status, 0, r.stderr);
  return out;
}

let browser, counts, real;
before(async () => {
  const root = countsSite();
  counts = { root, site: await serve(buildAt(root)) };
  real = await serve(buildAt(REPO));
  browser = await launch();
});
after(async () => { await browser?.close(); counts?.site.close(); real?.close(); });

test("Arabic search counts show the catalogue's plural form for 0, 1, 2, 3, 11 and 100", async (t) => {
  const po = join(counts.root, "i18n/ar/interface.po");
  const forms = translation(po, "ar", "search_count");
  assert.equal(Object.keys(forms).length, 6, "Arabic has six plural forms");
  const page = await browser.newPage();
  t.after(() => page.close());
  const rules = new Intl.PluralRules("ar");
  for (const [word, n] of [["zqnothingatall", 0], ...Object.entries(COUNTS)]) {
    const total = spawnSync(BIN, ["search", "--root", counts.root, "--lang", "ar", "--json", word], { encoding: "utf8", env: { ...process.env, TANDEM_TODAY: "2024-12-01" } });
    assert.equal(total.status, 0, total.stderr);
    assert.equal(JSON.parse(total.stdout).total, n, `tandem search finds ${word} ${n} times`);
    await page.goto(`${counts.site.url}/ar/search/?q=${word}`);
    await page.waitForFunction(() => document.querySelector("#search-status").textContent !== "" && !document.querySelector("#search-results").hasAttribute("aria-busy"));
    const want = n === 0
      ? translation(po, "ar", "search_none").replace("{query}", word)
      : forms[rules.select(n)].replace("{n}", String(n));
    assert.equal(await page.locator("#search-status").textContent(), want, `${n} (${rules.select(n)})`);
  }
});

test("/ig/ shows the Igbo words taken from the programme's Igbo page, the rest in English marked as such", async (t) => {
  const po = join(REPO, "i18n/ig/interface.po");
  const igbo = Object.entries(catalogue(po)).filter(([, m]) => m.translated);
  assert.ok(igbo.length > 0, "the Igbo catalogue translates some words");
  const seed = join(REPO, "../shared/seeds/programme-page.ig.txt");
  if (existsSync(seed)) {
    const text = readFileSync(seed, "utf8").toLowerCase();
    for (const [key, m] of igbo) assert.ok(text.includes(m.forms[0].toLowerCase()), `${key}: “${m.forms[0]}” is in the programme's Igbo page`);
  }
  const page = await browser.newPage();
  t.after(() => page.close());
  await page.goto(`${real.url}/ig/topics/`);
  const headings = await page.locator("main h2").evaluateAll((hs) => hs.map((h) => [h.textContent.trim(), h.closest("[lang]").lang]));
  for (const key of ["category_organisational", "category_interpersonal"]) {
    const word = translation(po, "ig", key);
    assert.ok(headings.some(([text, lang]) => text === word && lang === "ig"), `${key}: “${word}” shown as Igbo on /ig/topics/: ${JSON.stringify(headings)}`);
  }
  const english = await page.locator("main h2[lang=en], main h2 [lang=en]").allTextContents();
  assert.ok(english.length > 0, "untranslated category names show in English, marked lang=en");
});
