// Benchmark: bytes a browser downloads (gzipped) for a cold first query, at
// p90 over 100 queries, on the 10k-clinic corpus of gen_corpus.py: tandem's
// client (script + manifest + shards + result cards) against Pagefind 1.6
// run on the same built site with the same queries (its script, WebAssembly,
// entry, index chunks and the fragments of the first 10 results).
// Run: node benches/search_bytes.mjs  (after `cargo build --release`).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { gzipSync, gunzipSync } from "node:zlib";
import { join } from "node:path";
import vm from "node:vm";
import { createRequire } from "node:module";

const REPO = new URL("..", import.meta.url).pathname;
const require = createRequire(join(REPO, "tests/browser/package.json"));
const { chromium } = require("playwright-core");
const PAGES = Number(process.env.BENCH_PAGES || 10000);
const corpus = `/dev/shm/tandem-bench-${PAGES}x2`;
const site = `/dev/shm/tandem-bench-${PAGES}x2-site`;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 26, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}
if (!existsSync(join(corpus, "content/site.yaml"))) {
  run("python3", [join(REPO, "../shared/bench/gen_corpus.py"), "--pages", String(PAGES), "--langs", "en,fr", "--format", "tandem", "--out", corpus]);
}
run(join(REPO, "target/release/tandem"), ["build", "--root", corpus, "--out", site], { env: { ...process.env, TANDEM_TODAY: "2026-01-01" } });
run("npx", ["--yes", "pagefind@1.6.0", "--site", site, "--output-subdir", "_pagefind", "--quiet"]);

// 100 queries: words of clinic titles, spread over the corpus, some with two words.
const manifestRel = readFileSync(join(site, "search/index.html"), "utf8").match(/data-manifest="?([^" >]+)/)[1];
// Titles of the first 3,200 documents (one card file per document), in id order.
const cardFiles = readdirSync(join(site, "search/en")).filter((f) => /^c\d+\./.test(f));
cardFiles.sort((a, b) => parseInt(a.slice(1)) - parseInt(b.slice(1)));
const titles = cardFiles.slice(0, 3200).map((f) => JSON.parse(gunzipSync(readFileSync(join(site, "search/en", f))).toString()).t);
const queries = [];
for (let i = 0; queries.length < 100; i += 37) {
  const words = titles[i % titles.length].split(/\s+/).filter((w) => w.length > 3);
  if (!words.length) continue;
  queries.push(queries.length % 4 === 0 && words.length > 1 ? `${words[0]} ${words[1]}` : words[queries.length % words.length]);
}

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
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] });
const { createServer } = await import("node:http");
const server = createServer((req, res) => {
  const path = join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!existsSync(path) || path.endsWith("/")) { res.writeHead(200, { "content-type": "text/html" }); res.end("<!doctype html><title>b</title>"); return; }
  const type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
  res.writeHead(200, { "content-type": type });
  res.end(readFileSync(path));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;
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
server.close();

const p = (list, q) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))];
const kb = (n) => (n / 1024).toFixed(1);
console.log(`search: ${queries.length} cold first queries on ${PAGES} clinics × 2 languages (gzipped bytes downloaded)`);
console.log(`search: tandem   p50 ${kb(p(tandemBytes, 0.5))} KB, p90 ${kb(p(tandemBytes, 0.9))} KB (client ${kb(clientGz)} KB included)`);
console.log(`search: Pagefind p50 ${kb(p(pagefindBytes, 0.5))} KB, p90 ${kb(p(pagefindBytes, 0.9))} KB`);
console.log(`search: ratio tandem/Pagefind at p90 ${(p(tandemBytes, 0.9) / p(pagefindBytes, 0.9)).toFixed(2)} (targets ≤ 0.30 and ≤ 40 KB)`);
