// Benchmark: bytes a browser downloads (gzipped) for a cold first query, at
// p90 over 100 queries, on the 10k-clinic corpus of gen_corpus.py: tandem's
// client (script + manifest + shards + result cards) against Pagefind 1.6
// run on the same built site with the same queries (its script, WebAssembly,
// entry, index chunks and the fragments of the first 10 results).
// Run: node benches/search_bytes.mjs  (after `cargo build --release`).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import vm from "node:vm";
import { REPO, PAGES, chromium, LAUNCH, prepareSite, benchQueries, serveSite, quantile as p } from "./search_site.mjs";

const site = prepareSite();
// 100 queries: words of clinic titles, spread over the corpus, some with two words.
const queries = benchQueries(site, 100);
const manifestRel = readFileSync(join(site, "search/index.html"), "utf8").match(/data-manifest="?([^" >]+)/)[1];

// tandem: the shipped client under Node, counting every file it fetches.
vm.runInThisContext(readFileSync(join(REPO, "themes/default/static/search.js"), "utf8"));
const clientGz = gzipSync(readFileSync(join(REPO, "themes/default/static/search.js")), { level: 9 }).length;
const tandemBytes = [];
for (const q of queries) {
  let bytes = clientGz;
  const engine = globalThis.TandemSearch.open(manifestRel, async (url) => {
    const body = readFileSync(join(site, url));
    bytes += body.length;
    return new Response(body);
  });
  await engine.search(q, [], 10);
  tandemBytes.push(bytes);
}

// Pagefind: in Chromium, a fresh context per query; each response counted at
// its gzip -9 size unless already compressed.
const browser = await chromium.launch(LAUNCH);
const { origin, close } = await serveSite(site);
const pagefindBytes = [];
for (const q of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  page.on("requestfinished", async (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith("/_pagefind/")) return;
    const body = readFileSync(join(site, url.pathname));
    const gz = body[0] === 0x1f && body[1] === 0x8b;
    bytes += gz ? body.length : gzipSync(body, { level: 9 }).length;
  });
  await page.goto(origin + "/blank/");
  await page.evaluate(async (query) => {
    const pagefind = await import("/_pagefind/pagefind.js");
    const search = await pagefind.search(query);
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  }, q);
  await page.waitForTimeout(50);
  pagefindBytes.push(bytes);
  await context.close();
}
await browser.close();
close();

const kb = (n) => (n / 1024).toFixed(1);
console.log(`search: ${queries.length} cold first queries on ${PAGES} clinics × 2 languages (gzipped bytes downloaded)`);
console.log(`search: tandem   p50 ${kb(p(tandemBytes, 0.5))} KB, p90 ${kb(p(tandemBytes, 0.9))} KB (client ${kb(clientGz)} KB included)`);
console.log(`search: Pagefind p50 ${kb(p(pagefindBytes, 0.5))} KB, p90 ${kb(p(pagefindBytes, 0.9))} KB`);
console.log(`search: ratio tandem/Pagefind at p90 ${(p(tandemBytes, 0.9) / p(pagefindBytes, 0.9)).toFixed(2)} (targets ≤ 0.30 and ≤ 40 KB)`);
