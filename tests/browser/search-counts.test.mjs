// Search as a visitor sees it, values asserted against independent sources
// (issue 26): for queries in en, fr, ar, zh and ig — words, prefixes, typos,
// swapped letters, filters, filters alone — the count /search/ shows equals
// the total of `tandem search --json` for the same query and filters, worded
// in the plural form that the language's strings file and Node's own
// Intl.PluralRules give (the catalogue read by polib, never from the page); a nonsense word says "no
// results"; a misspelling offers the spelling the CLI suggests; "more"
// shows the next ten; a URL with q and filters restores the CLI's result
// list; Back and Forward return to the previous search.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { build, serve, launch, scratchDir, REPO } from "./support.mjs";
import { translation } from "./po.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const BIN = process.env.TANDEM_BIN || join(REPO, "target/debug/tandem");
const FIXTURE = "tests/fixtures/site/search-counts";

// `query|facet=value,...`: typed into the box, boxes ticked.
const QUERIES = {
  en: ["volunteers", "volunt", "volunters", "voulnteers", "conflcit", "wikidata|level=experienced", "|level=newcomer", "|lang=ar",
    "|kind=clinic", "|level=newcomer,lang=ar,topic=volunteer-management", "|lang=fr,lang=es", "burnout", "safety", "zqxvbn", "grant|region=usca"],
  fr: ["bénévoles", "benevoles", "béné", "bénévloes", "wikidata", "sensibilisation", "|level=experienced", "|lang=fr", "xyzzyq"],
  ar: ["المتطوعين", "المتطو", "|kind=clinic", "|lang=ar", "ويكي", "volunteers|level=experienced", "|level=newcomer,region=mena", "ججججج"],
  zh: ["志愿者", "维基数据", "|level=newcomer", "volunteers", "|kind=sharer"],
  ig: ["ndi oru", "oru", "Ịnabata", "mmemme", "wikidata", "|level=experienced", "zqxvbn"],
};
const RTL = new Set(["ar"]);

/** One key's value in a strings file: a quoted or plain text, or a map of plural forms (flow or block). */
function stringOf(file, key) {
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, "utf8").split("\n");
  const at = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (at < 0) return undefined;
  const rest = lines[at].slice(key.length + 1).trim();
  const unquote = (v) => (v.startsWith('"') ? JSON.parse(v) : v.trim());
  if (rest.startsWith("{")) {
    return Object.fromEntries([...rest.matchAll(/(\w+):\s*("(?:[^"\\]|\\.)*"|[^,}]+)/g)].map((m) => [m[1], unquote(m[2])]));
  }
  if (rest) return unquote(rest);
  const forms = {};
  for (let i = at + 1; i < lines.length && /^\s+\w+:/.test(lines[i]); i++) {
    const m = lines[i].match(/^\s+(\w+):\s*(.*)$/);
    forms[m[1]] = unquote(m[2]);
  }
  return forms;
}
/** A string as the site shows it in `lang`: the fixture's own catalogue, else English (isolated on a right-to-left page). */
function shown(lang, key) {
  const own = lang === "en" ? undefined : translation(join(REPO, FIXTURE, "i18n", lang, "interface.po"), lang, key);
  if (own !== undefined) return { value: own, lang };
  const english = stringOf(join(REPO, "i18n/en.yaml"), key);
  assert.ok(english !== undefined, `i18n/en.yaml defines ${key}`);
  return { value: typeof english === "string" && RTL.has(lang) ? `\u2066${english}\u2069` : english, lang: "en" };
}
/** What the status line must say for `total` results. */
function expectedStatus(lang, query, total) {
  if (total === 0) {
    return query.trim() ? shown(lang, "search_none").value.replace("{query}", query.trim()) : shown(lang, "search_none_filtered").value;
  }
  const { value: forms, lang: formsLang } = shown(lang, "search_count");
  const category = new Intl.PluralRules(formsLang).select(total);
  return (forms[category] ?? forms.other).replace("{n}", String(total));
}

/** What `tandem search --json` finds for each line of `lines`. */
function cli(lang, lines) {
  const file = join(scratchDir("tandem-counts-"), "queries.txt");
  writeFileSync(file, lines.join("\n") + "\n");
  const r = spawnSync(BIN, ["search", "--root", join(REPO, FIXTURE), "--lang", lang, "--limit", "100", "--queries", file], { encoding: "utf8", env: { ...process.env, TANDEM_TODAY: "2024-12-01" } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}
const split = (line) => {
  const [query, filters] = line.split("|");
  return { query, filters: filters ? filters.split(",").map((f) => f.split("=")) : [] };
};
function urlOf(prefix, { query, filters }) {
  const params = new URLSearchParams();
  if (query.trim()) params.set("q", query);
  for (const [k, v] of filters) params.append(k, v);
  const q = params.toString();
  return `/${prefix}search/${q ? `?${q}` : ""}`;
}
/** Waits until the page has searched for `url`'s query and filters (in any order: the page
 * lists filters in the form's order) and shows the outcome. */
async function settled(page, url) {
  try {
    await page.waitForFunction((want) => {
      const norm = (u) => { const x = new URL(u, location.origin); return x.pathname + "?" + [...x.searchParams].map((p) => p.join("=")).sort().join("&"); };
      return norm(location.href) === norm(want)
        && !document.querySelector("#search-results").hasAttribute("aria-busy")
        && document.querySelector("#search-status").textContent !== "";
    }, url, { timeout: 10000 });
  } catch (e) {
    const now = await page.evaluate(() => [location.pathname + location.search, document.querySelector("#search-status").textContent]);
    throw new Error(`waiting for ${url}, the page is at ${now[0]} and says “${now[1]}”`);
  }
}
async function tick(page, filters, on) {
  for (const [name, value] of filters) {
    const box = page.locator(`input[name="${name}"][value="${value}"]`);
    if (!(await box.isVisible())) await box.locator("xpath=ancestor::details/summary").click();
    await box.setChecked(on);
  }
}

let browser, site, dir;
before(async () => {
  dir = build(FIXTURE);
  site = await serve(dir);
  browser = await launch();
});
after(async () => { await browser?.close(); site?.close(); });

for (const lang of Object.keys(QUERIES)) {
  const prefix = lang === "en" ? "" : `${lang}/`;
  test(`the count shown is tandem search's total, in ${lang}'s plural form`, async (t) => {
    const lines = QUERIES[lang];
    const expected = cli(lang, lines);
    const page = await browser.newPage();
    t.after(() => page.close());
    await page.goto(`${site.url}/${prefix}search/`);
    const categories = new Set();
    for (let i = 0; i < lines.length; i++) {
      const q = split(lines[i]);
      await page.locator("#search-input").fill(q.query);
      await tick(page, q.filters, true);
      await settled(page, urlOf(prefix, q));
      const want = expectedStatus(lang, q.query, expected[i].total);
      assert.equal(await page.locator("#search-status").textContent(), want, `${lang}: “${lines[i]}”`);
      const titles = await page.locator("#search-results .card-title").allTextContents();
      assert.deepEqual(titles, expected[i].results.slice(0, 10).map((r) => r.title), `${lang}: the first results of “${lines[i]}”`);
      if (expected[i].total) categories.add(new Intl.PluralRules(shown(lang, "search_count").lang).select(expected[i].total));
      await tick(page, q.filters, false);
    }
    // The queries reach more than one plural form wherever the language has several.
    if (lang !== "zh") assert.ok(categories.size >= 2, `${[...categories]} in ${lang}`);
  });
}

test("no results: a nonsense word says so; a misspelling offers the CLI's spelling; filters offer to be removed", async (t) => {
  const [nonsense, misspelt, filtered] = cli("en", ["zqxvbn", "volntere", "grant|region=usca"]);
  assert.equal(nonsense.total, 0);
  assert.equal(misspelt.suggestion, "volunteer");
  assert.ok(filtered.without_filters > 0);
  const page = await browser.newPage();
  t.after(() => page.close());
  await page.goto(`${site.url}/search/?q=zqxvbn`);
  await settled(page, "/search/?q=zqxvbn");
  assert.equal(await page.locator("#search-status").textContent(), expectedStatus("en", "zqxvbn", 0));
  assert.ok(await page.locator("#search-hint").isHidden(), "no suggestion for nonsense");
  await page.goto(`${site.url}/search/?q=volntere`);
  await settled(page, "/search/?q=volntere");
  await page.locator("#search-hint a", { hasText: misspelt.suggestion }).click();
  await settled(page, "/search/?q=volunteer");
  const [volunteer] = cli("en", ["volunteer"]);
  assert.equal(await page.locator("#search-status").textContent(), expectedStatus("en", "volunteer", volunteer.total));
  await page.goto(`${site.url}/search/?q=grant&region=usca`);
  await settled(page, "/search/?q=grant&region=usca");
  const remove = shown("en", "search_remove_filters").value.replace("{count}", expectedStatus("en", "grant", filtered.without_filters));
  await page.locator("#search-hint a", { hasText: remove }).click();
  await settled(page, "/search/?q=grant");
  assert.equal(await page.locator("#search-status").textContent(), expectedStatus("en", "grant", filtered.without_filters));
});

test("more results shows the next ten, in the CLI's order, and the count stays the total", async (t) => {
  const [all] = cli("en", ["|kind=clinic"]);
  assert.ok(all.total > 20, `${all.total} sessions`);
  const page = await browser.newPage();
  t.after(() => page.close());
  await page.goto(`${site.url}/search/?kind=clinic`);
  await settled(page, "/search/?kind=clinic");
  for (const n of [10, 20, all.total]) {
    const titles = await page.locator("#search-results .card-title").allTextContents();
    assert.deepEqual(titles, all.results.slice(0, n).map((r) => r.title));
    assert.equal(await page.locator("#search-status").textContent(), expectedStatus("en", "", all.total));
    if (n === all.total) break;
    await page.locator("#search-more").click();
    await page.locator("#search-results > li").nth(Math.min(n + 10, all.total) - 1).waitFor();
    assert.ok(await page.evaluate((i) => document.activeElement === document.querySelectorAll("#search-results a")[i], n), "focus moves to the first new result");
  }
  assert.ok(await page.locator("#search-more").isHidden(), "no more button once everything is shown");
  // Browsing by filters alone lists sessions newest first, each card with its date and kind.
  const dates = await page.locator("#search-results time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
  assert.equal(dates.length, all.total);
  assert.deepEqual(dates, [...dates].sort().reverse());
  assert.deepEqual(dates, all.results.map((r) => r.iso_date));
  const meta = await page.locator("#search-results .meta").first().textContent();
  assert.equal(meta, `${all.results[0].date} · ${all.results[0].kind}`);
});

test("a shared URL restores the search; Back and Forward return to the previous ones", async (t) => {
  const [first, second, third] = cli("ar", ["المتطوعين|level=newcomer", "ويكي", "ويكي|lang=ar"]);
  const page = await browser.newPage();
  t.after(() => page.close());
  await page.goto(`${site.url}/ar/search/?q=${encodeURIComponent("المتطوعين")}&level=newcomer`);
  const firstUrl = urlOf("ar/", split("المتطوعين|level=newcomer"));
  await settled(page, firstUrl);
  const titles = () => page.locator("#search-results .card-title").allTextContents();
  assert.deepEqual(await titles(), first.results.slice(0, 10).map((r) => r.title));
  assert.ok(await page.locator('input[name="level"][value="newcomer"]').isChecked());
  // A new query typed, then a filter: two more entries in the history.
  await page.locator('input[name="level"][value="newcomer"]').setChecked(false);
  await page.locator("#search-input").fill("ويكي");
  await page.locator("#search-input").press("Enter");
  const secondUrl = urlOf("ar/", split("ويكي"));
  await settled(page, secondUrl);
  await tick(page, [["lang", "ar"]], true);
  const thirdUrl = urlOf("ar/", split("ويكي|lang=ar"));
  await settled(page, thirdUrl);
  assert.equal(await page.locator("#search-status").textContent(), expectedStatus("ar", "ويكي", third.total));
  await page.goBack();
  await settled(page, secondUrl);
  assert.deepEqual(await titles(), second.results.slice(0, 10).map((r) => r.title));
  assert.equal(await page.locator("#search-input").inputValue(), "ويكي");
  assert.ok(!(await page.locator('input[name="lang"][value="ar"]').isChecked()));
  await page.goBack();
  await page.goBack();
  await settled(page, firstUrl);
  assert.equal(await page.locator("#search-input").inputValue(), "المتطوعين");
  assert.equal(await page.locator("#search-status").textContent(), expectedStatus("ar", "المتطوعين", first.total));
  await page.goForward();
  await page.goForward();
  await settled(page, secondUrl);
  assert.equal(await page.locator("#search-status").textContent(), expectedStatus("ar", "ويكي", second.total));
});

test("filters offer only values some record of the language has", async (t) => {
  const page = await browser.newPage();
  t.after(() => page.close());
  await page.goto(`${site.url}/fr/search/`);
  const values = async (name) => page.locator(`input[name="${name}"]`).evaluateAll((bs) => bs.map((b) => b.value));
  // No session in Central and Eastern Europe, no newsletter issue; sessions held in these languages.
  assert.ok(!(await values("region")).includes("ceeca"));
  assert.ok((await values("region")).includes("usca"));
  assert.ok(!(await values("kind")).includes("newsletter"));
  assert.deepEqual(await values("lang"), ["ar", "en", "es", "fr", "ig", "pt"]);
});

test("the search page's states at phone width, English and Arabic: axe finds nothing; screenshots saved", async (t) => {
  const out = join(REPO, "target/screenshots");
  mkdirSync(out, { recursive: true });
  const real = await serve(build("."));
  // The test injects axe itself, so it bypasses the site's CSP.
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, bypassCSP: true });
  const page = await context.newPage();
  t.after(async () => { await context.close(); real.close(); });
  for (const [prefix, lang] of [["", "en"], ["ar/", "ar"]]) {
    for (const [name, params] of [["results", "q=volunteers&level=newcomer"], ["none", "q=volntere"], ["filtered", "q=grant&region=usca"], ["browse", "lang=ar"], ["sessions", "kind=clinic"]]) {
      await page.goto(`${real.url}/${prefix}search/?${params}`);
      await page.waitForFunction(() => !document.querySelector("#search-results").hasAttribute("aria-busy") && document.querySelector("#search-status").textContent !== "");
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } }));
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), [], `${lang} ${name}`);
      await page.screenshot({ path: join(out, `search-${name}-phone-${lang}.png`), fullPage: true });
      // The part a visitor looks at: from the heading, one screen down.
      const top = await page.locator("h1").evaluate((h) => h.getBoundingClientRect().top + scrollY);
      await page.screenshot({ path: join(out, `search-${name}-phone-${lang}-screen.png`), fullPage: true, clip: { x: 0, y: top, width: 360, height: 780 } });
    }
  }
});
