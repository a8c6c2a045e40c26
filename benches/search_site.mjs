// What the search benchmarks share: the 10k-clinic corpus of gen_corpus.py
// built with the release binary, the same site indexed by Pagefind 1.6, the
// benchmark queries, a plain HTTP server of the site, and Chromium.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { join, extname } from "node:path";
import { createRequire } from "node:module";

export const REPO = new URL("..", import.meta.url).pathname;
const require = createRequire(join(REPO, "tests/browser/package.json"));
export const { chromium } = require("playwright-core");
export const PAGES = Number(process.env.BENCH_PAGES || 10000);
export const LAUNCH = { executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] };

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 26, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

/** Generates the corpus if missing, builds it with the release binary and indexes it with Pagefind
 * (BENCH_REUSE=1: the site of the last run, as it is); returns the site folder. */
export function prepareSite() {
  const corpus = `/dev/shm/tandem-bench-${PAGES}x2`;
  const site = `/dev/shm/tandem-bench-${PAGES}x2-site`;
  if (process.env.BENCH_REUSE === "1" && existsSync(join(site, "_pagefind/pagefind-ui.js"))) return site;
  if (!existsSync(join(corpus, "content/site.yaml"))) {
    run("python3", [join(REPO, "../shared/bench/gen_corpus.py"), "--pages", String(PAGES), "--langs", "en,fr", "--format", "tandem", "--out", corpus]);
  }
  run(join(REPO, "target/release/tandem"), ["build", "--root", corpus, "--out", site], { env: { ...process.env, TANDEM_TODAY: "2026-01-01" } });
  run("npx", ["--yes", "pagefind@1.6.0", "--site", site, "--output-subdir", "_pagefind", "--quiet"]);
  return site;
}

/** `count` queries: words of clinic titles spread over the corpus, every fourth of two words. */
export function benchQueries(site, count) {
  const cardFiles = readdirSync(join(site, "search/en")).filter((f) => /^c\d+\./.test(f));
  cardFiles.sort((a, b) => parseInt(a.slice(1)) - parseInt(b.slice(1)));
  const titles = cardFiles.slice(0, 3200).map((f) => JSON.parse(gunzipSync(readFileSync(join(site, "search/en", f))).toString()).t);
  const queries = [];
  for (let i = 0; queries.length < count; i += 37) {
    const words = titles[i % titles.length].split(/\s+/).filter((w) => w.length > 3);
    if (!words.length) continue;
    queries.push(queries.length % 4 === 0 && words.length > 1 ? `${words[0]} ${words[1]}` : words[queries.length % words.length]);
  }
  return queries;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".wasm": "application/wasm" };

/** Serves `site` (and `extra`: path → HTML) on 127.0.0.1, HTML, CSS and scripts gzipped as a
 * static host sends them; missing paths get an empty page. With `link` ({ latency ms,
 * bytesPerSecond }), every response (a page's, a worker's, a service worker's alike) waits one
 * round trip and its turn on one shared link of that speed. `sent.bytes` counts the bodies sent. */
export async function serveSite(site, extra = {}, link = null) {
  const gzipped = new Map(), sent = { bytes: 0 };
  let linkFreeAt = 0;
  const later = (bytes, reply) => {
    if (!link) { reply(); return; }
    const now = Date.now(), done = Math.max(now + link.latency, linkFreeAt) + (bytes * 1000) / link.bytesPerSecond;
    linkFreeAt = done;
    setTimeout(reply, done - now);
  };
  const send = (req, res, type, key, body) => {
    let headers = { "content-type": type };
    if (type.startsWith("text/") && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      if (!gzipped.has(key)) gzipped.set(key, gzipSync(body));
      headers = { ...headers, "content-encoding": "gzip", vary: "accept-encoding" };
      body = gzipped.get(key);
    }
    later(body.length, () => { sent.bytes += body.length; res.writeHead(200, headers); res.end(body); });
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (extra[path]) { send(req, res, TYPES[".html"], path, extra[path]); return; }
    let file = join(site, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { send(req, res, TYPES[".html"], "", "<!doctype html><title>b</title>"); return; }
    send(req, res, TYPES[extname(file)] || "application/octet-stream", file, readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close(), sent };
}

/** The value at quantile `q` of `list`. */
export function quantile(list, q) {
  return [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))];
}
