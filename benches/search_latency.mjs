// Benchmark (not a test): time from the keypress to the first result painted,
// cold cache, on a slow phone: 400 kbit/s and 400 ms round trip emulated by
// the server (one shared link, so the requests of Pagefind's web worker are
// slowed too: CDP's network emulation applies to the page's own requests
// only), CPU slowed 4× through CDP (the page's main thread: Pagefind's
// worker thread is not slowed, which favours it), for 20 queries on the
// 10k-clinic × 2-language corpus: tandem's search page against Pagefind 1.6's
// default UI on the same built site, each with its shipped debounce (tandem
// 150 ms, Pagefind UI 300 ms), alternating which goes first.
//
// Each run: a fresh browser context (empty cache), the search page loaded
// under throttling until the network is idle, the input focused, the whole
// query inserted as one input event (the clock starts at that event, in the
// page), and stopped at the first animation frame after the first result
// card is in the document (for Pagefind its title link, not its loading
// placeholder). Also reports the bytes the server sent before the keypress
// and until the first result (page, worker and all).
// Quiet machine only: the CPU throttling multiplies any contention.
// Run: node benches/search_latency.mjs  (after `cargo build --release`).
import { chromium, LAUNCH, PAGES, prepareSite, benchQueries, serveSite, quantile } from "./search_site.mjs";

const RUNS = Number(process.env.BENCH_QUERIES || 20);
const PAGEFIND_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<link href="/_pagefind/pagefind-ui.css" rel="stylesheet"><script src="/_pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>window.addEventListener("DOMContentLoaded", () => new PagefindUI({ element: "#search", showImages: false }));</script></body></html>`;
const ENGINES = {
  tandem: { path: "/search/", input: "#search-input", result: "#search-results li" },
  pagefind: { path: "/pagefind-bench/", input: ".pagefind-ui__search-input", result: ".pagefind-ui__result-link" },
};

const site = prepareSite();
const queries = benchQueries(site, RUNS);
const { origin, close, sent } = await serveSite(site, { "/pagefind-bench/": PAGEFIND_PAGE }, { latency: 400, bytesPerSecond: 400_000 / 8 });
const browser = await chromium.launch(LAUNCH);

/** One cold query: milliseconds from the input event to the frame after the first result, and bytes after it. */
async function measure(engine, query) {
  // Service workers blocked: a worker's fetches escape the page's throttling
  // (it is another target), and on a first visit it has nothing to give.
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const start = sent.bytes;
  await page.goto(origin + ENGINES[engine].path, { waitUntil: "networkidle", timeout: 120_000 });
  await page.evaluate((selector) => {
    document.addEventListener("input", () => { window.__t0 ??= performance.now(); }, true);
    window.__done = new Promise((ok) => {
      const seen = () => document.querySelector(selector) && (requestAnimationFrame(() => ok(performance.now())), true);
      if (seen()) return;
      const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }, ENGINES[engine].result);
  await page.focus(ENGINES[engine].input);
  const before = sent.bytes - start;
  await page.keyboard.insertText(query);
  const [t0, t1] = await page.evaluate(async () => [window.__t0, await window.__done]);
  const bytes = sent.bytes - start - before;
  await context.close();
  return { ms: t1 - t0, bytes, before };
}

const results = { tandem: [], pagefind: [] };
for (let i = 0; i < queries.length; i++) {
  const order = i % 2 ? ["pagefind", "tandem"] : ["tandem", "pagefind"];
  for (const engine of order) {
    const r = await measure(engine, queries[i]);
    results[engine].push(r);
    console.log(`${engine.padEnd(8)} ${queries[i].padEnd(28)} ${r.ms.toFixed(0).padStart(6)} ms ${(r.bytes / 1024).toFixed(1).padStart(7)} KB after, ${(r.before / 1024).toFixed(1).padStart(7)} KB before the keypress`);
  }
}
await browser.close();
close();

console.log(`\nkeypress → first result painted, cold cache, ${queries.length} queries on ${PAGES} clinics × 2 languages;`);
console.log("400 kbit/s and 400 ms RTT at the server, CPU 4× slower (CDP, main thread); each engine with its own debounce (tandem 150 ms, Pagefind UI 300 ms)");
for (const engine of Object.keys(results)) {
  const ms = results[engine].map((r) => r.ms), kb = results[engine].map((r) => r.bytes / 1024), page = results[engine].map((r) => r.before / 1024);
  console.log(`${engine.padEnd(8)} median ${quantile(ms, 0.5).toFixed(0)} ms, p90 ${quantile(ms, 0.9).toFixed(0)} ms; transferred after the keypress median ${quantile(kb, 0.5).toFixed(1)} KB, p90 ${quantile(kb, 0.9).toFixed(1)} KB; the page before it ${quantile(page, 0.5).toFixed(1)} KB`);
}
