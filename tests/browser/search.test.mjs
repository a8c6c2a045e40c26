// Search: the shipped client, run under Node on the exported files, finds
// exactly what `tandem search --json` finds (the total, every result in the
// same order with the same score, the count without the filters and the
// suggested spelling when nothing matches) for at least 50 queries per
// language, including multi-word, prefixes, typos, swapped letters, Chinese,
// Arabic, Igbo typed without diacritics, filters, and filters alone; the
// client's analyser reproduces the shared test vectors; and in Chromium a
// visitor searches, filters, and opens a result.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import vm from "node:vm";
import { build, serve, launch, scratchDir, REPO } from "./support.mjs";

vm.runInThisContext(readFileSync(join(REPO, "themes/default/static/search.js"), "utf8"));
const { TandemSearch } = globalThis;
const BIN = process.env.TANDEM_BIN || join(REPO, "target/debug/tandem");
const FIXTURE = "tests/fixtures/site/search";

test("the client's analyser reproduces the shared test vectors", () => {
  const kinds = { en: "stemmed", fr: "stemmed", es: "stemmed", pt: "stemmed", ar: "stemmed", zh: "bigrams", ig: "unmarked", bcl: "unmarked" };
  for (const v of JSON.parse(readFileSync(join(REPO, "tests/fixtures/search/vectors.json"), "utf8"))) {
    assert.deepEqual(TandemSearch.queryWords(kinds[v.lang], v.text), v.words, `${v.lang}: ${v.text}`);
  }
});

function wordsOf(site, lang) {
  // Every card title and summary of the language, split as the client splits.
  const cardsDir = join(site, "search", lang);
  const files = spawnSync("ls", [cardsDir], { encoding: "utf8" }).stdout.split("\n").filter((f) => f.startsWith("c"));
  const words = new Set();
  for (const f of files) {
    const c = JSON.parse(spawnSync("gzip", ["-dc", join(cardsDir, f)], { encoding: "utf8" }).stdout);
    for (const w of `${c.t} ${c.s}`.split(/[^\p{Alphabetic}\p{N}]+/u)) if (w.length > 1) words.add(w);
  }
  return [...words].sort();
}

function cardTitles(site, lang) {
  const dir = join(site, "search", lang);
  return spawnSync("ls", [dir], { encoding: "utf8" }).stdout.split("\n").filter((f) => /^c\d/.test(f))
    .map((f) => JSON.parse(gunzipSync(readFileSync(join(dir, f))).toString())).map((c) => [c.u, c.t]);
}

const SWAPPED = new Set();
function makeQueries(lang, words) {
  const out = ["|level=newcomer", "|kind=clinic,level=experienced", "|level=newcomer,level=experienced", "|lang=ar", "|region=ssa,kind=sharer", "zqxvbn", "volntere", "wikdata|level=experienced"];
  const typo = (w) => (w.length >= 5 ? w.slice(0, 2) + w.slice(3) : w);
  // Two neighbouring letters swapped: one edit (Damerau), found like any typo.
  const swap = (w) => { const c = Array.from(w); return c.length >= 5 ? [...c.slice(0, 2), c[3], c[2], ...c.slice(4)].join("") : w; };
  for (let i = 0; i < words.length && out.length < 90; i++) {
    const w = words[i];
    out.push(w);
    if (lang === "ig") out.push(w.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase());
    if (lang !== "zh") out.push(w.slice(0, 3));
    out.push(typo(w.toLowerCase()));
    if (swap(w.toLowerCase()) !== w.toLowerCase()) { out.push(swap(w.toLowerCase())); SWAPPED.add(swap(w.toLowerCase())); }
    // Two edits: no match, but a suggestion.
    if (i % 3 === 0) out.push(swap(typo(w.toLowerCase())));
    if (i + 1 < words.length) out.push(`${w} ${words[i + 1]}`);
    if (i % 4 === 0) out.push(`${w}|level=newcomer`);
    if (i % 5 === 0) out.push(`${w}|kind=clinic`);
    if (i % 6 === 0) out.push(`${w}|topic=volunteer-management`);
  }
  return [...new Set(out)].filter((q) => q.trim()).slice(0, 140);
}

// The last run cuts the index into 300-byte shards, three per directory, so
// lookups, type-ahead and typo scans cross shard and directory boundaries.
for (const [lang, layout] of [["en"], ["fr"], ["ar"], ["zh"], ["ig"], ["en", "300,3"]]) {
  test(`parity: the client ranks like tandem search (${lang}${layout ? `, shards ${layout}` : ""})`, async () => {
    const previous = process.env.TANDEM_SEARCH_LAYOUT;
    if (layout) process.env.TANDEM_SEARCH_LAYOUT = layout;
    let site;
    try { site = build(FIXTURE); } finally { if (previous === undefined) delete process.env.TANDEM_SEARCH_LAYOUT; else process.env.TANDEM_SEARCH_LAYOUT = previous; }
    // Facet sets come as bitsets (dense) and as gaps (sparse): both must be read.
    const facetKinds = new Set(spawnSync("ls", [join(site, "search", lang)], { encoding: "utf8" }).stdout.split("\n")
      .filter((f) => f.startsWith("f-")).map((f) => gunzipSync(readFileSync(join(site, "search", lang, f)))[0]));
    assert.deepEqual([...facetKinds].sort(), [0, 1], "bitset and gap facet files");
    if (layout) {
      const files = spawnSync("ls", [join(site, "search", lang)], { encoding: "utf8" }).stdout;
      assert.ok((files.match(/^d\d+\./gm) || []).length >= 3, "several shard directories");
    }
    const qs = makeQueries(lang, wordsOf(site, lang));
    // The topic's own title, filtered by the topic: results from a gap-encoded facet set.
    const topicTitle = cardTitles(site, lang).find(([url]) => url.includes("/topics/volunteer-management/"))[1];
    qs.push(`${topicTitle}|topic=volunteer-management`, `${topicTitle}|topic=volunteer-management,kind=topic`);
    assert.ok(qs.length >= 50, `${qs.length} queries for ${lang}`);
    const file = join(scratchDir("tandem-q-"), "queries.txt");
    writeFileSync(file, qs.join("\n") + "\n");
    const cli = spawnSync(BIN, ["search", "--root", join(REPO, FIXTURE), "--lang", lang, "--limit", "100", "--queries", file], { encoding: "utf8", env: { ...process.env, TANDEM_TODAY: "2024-12-01" } });
    assert.equal(cli.status, 0, cli.stderr);
    const expected = JSON.parse(cli.stdout);
    const manifestPath = readFileSync(join(site, lang === "en" ? "search/index.html" : `${lang}/search/index.html`), "utf8").match(/data-manifest="?([^" >]+)/)[1];
    const engine = TandemSearch.open(manifestPath, async (url) => new Response(readFileSync(join(site, url))));
    let withResults = 0, suggested = 0, transposed = 0;
    for (let i = 0; i < qs.length; i++) {
      const [query, filters] = qs[i].split("|");
      const pairs = filters ? filters.split(",").map((f) => f.split("=")) : [];
      const got = await engine.search(query, pairs, 100);
      const want = expected[i];
      assert.deepEqual(
        [got.total, got.results.map((r) => [r.doc, r.score, r.card.u]), got.suggestion ?? null, got.withoutFilters ?? null],
        [want.total, want.results.map((r) => [r.doc, Math.fround(r.score), r.url]), want.suggestion ?? null, want.without_filters ?? null],
        `${lang}: “${qs[i]}”`);
      if (got.total) withResults++;
      if (got.suggestion) suggested++;
      if (SWAPPED.has(qs[i]) && got.total) transposed++;
    }
    assert.ok(withResults >= 25, `${withResults} of ${qs.length} queries find something in ${lang}`);
    if (lang !== "zh") assert.ok(suggested >= 1, `${suggested} suggestions in ${lang}`);
    const swaps = qs.filter((q) => SWAPPED.has(q)).length;
    assert.ok(transposed >= swaps / 2 && swaps >= 5, `${transposed} of ${swaps} words with two letters swapped find something in ${lang}`);
  });
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [prefix, query, title] of [["", "volunteers", "Keeping volunteers motivated"], ["zh/", "志愿者", "保持志愿者的积极性"], ["ar/", "المتطوعين", "الحفاظ على حماس المتطوعين"]]) {
  test(`a visitor searches, filters by level and opens a result (${prefix || "en/"})`, async (t) => {
    const site = await serve(build(FIXTURE));
    const page = await browser.newPage();
    // Closed even when an assertion fails: a server left open kept the
    // test file's process alive, so a failure hung the run instead of ending it.
    t.after(async () => { await page.close(); site.close(); });
    await page.goto(`${site.url}/${prefix}search/`);
    await page.locator("#search-input").fill(query);
    await page.locator("#search-results li").first().waitFor();
    assert.equal(await page.locator("#search-results .card-title").first().innerText(), title);
    assert.match(await page.locator("#search-status").innerText(), /\d|لا|نتيجة/);
    assert.ok(await page.locator("#search-results mark").count() > 0, "query terms are highlighted");
    await page.locator("details.filters").first().locator("summary").click();
    await page.locator("input[name=level][value=experienced]").check();
    await page.waitForFunction(() => !document.querySelector("#search-results")?.textContent.includes("Keeping volunteers") || document.querySelectorAll("#search-results li").length === 0);
    await page.locator("input[name=level][value=experienced]").uncheck();
    await page.locator("input[name=level][value=newcomer]").check();
    // The newcomer results, not the list they replace, before moving into them.
    await page.locator("#search-results .card-title", { hasText: title }).first().waitFor();
    await page.locator("#search-input").press("ArrowDown");
    const focused = await page.evaluate(() => document.activeElement.closest("#search-results") !== null);
    assert.ok(focused, "arrow keys move into the results");
    await Promise.all([page.waitForURL(/clinics\//), page.keyboard.press("Enter")]);
    assert.equal(await page.locator("h1").innerText(), title);
  });
}
