// Shared helpers of the browser tests: build a site with the tandem binary,
// serve it over HTTP with the Content-Security-Policy of netlify.toml, and
// start Debian's headless Chromium through playwright-core.
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, existsSync, statSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { before, after } from "node:test";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = process.env.TANDEM_BIN || join(REPO, "target/debug/tandem");

const scratchDirs = [];
process.on("exit", () => scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh folder under the system's temporary folder, removed when the test file's process exits. */
export function scratchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

/** Builds the site at `root` (repo-relative) into a temporary folder; returns the folder. */
export function build(root = ".", extra = []) {
  const out = join(scratchDir("tandem-browser-"), "public");
  const result = spawnSync(BIN, ["build", "--root", join(REPO, root), "--out", out, ...extra], {
    env: { ...process.env, TANDEM_TODAY: "2024-12-01" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`tandem build failed:\n${result.stderr}`);
  return out;
}

/** The Content-Security-Policy that netlify.toml sends with every page. */
export function netlifyCsp() {
  const toml = readFileSync(join(REPO, "netlify.toml"), "utf8");
  const match = toml.match(/Content-Security-Policy\s*=\s*"([^"]+)"/);
  if (!match) throw new Error("netlify.toml has no Content-Security-Policy");
  return match[1];
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".xml": "application/xml", ".ics": "text/calendar; charset=utf-8", ".json": "application/json", ".gz": "application/gzip", ".txt": "text/plain" };

/** Serves `dir` on 127.0.0.1 with the site's CSP; resolves to { url, close }. */
export function serve(dir, { csp = netlifyCsp() } = {}) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    let file = join(dir, path);
    let status = 200;
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(dir, "404.html");
      status = 404;
    }
    res.writeHead(status, { "Content-Type": TYPES[extname(file)] || "application/octet-stream", "Content-Security-Policy": csp });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/** Starts headless Chromium from Debian's package. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"],
  });
}

/** The two widths every layout check runs at: a 360-px phone and a desktop. */
export const VIEWPORTS = { phone: { width: 360, height: 780 }, desktop: { width: 1280, height: 900 } };

/** The languages of the layout checks, by their path prefix: left to right and right to left. */
export const DIRECTIONS = { en: "", ar: "ar/" };

/** Both colour schemes a visitor's system may ask for. */
export const SCHEMES = ["light", "dark"];

/** Every clinic of the repository's content, by slug. */
export function clinicSlugs() {
  return readdirSync(join(REPO, "content/clinics"))
    .filter((f) => /^[a-z0-9-]+\.md$/.test(f))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** Every HTML file under `dir` (relative to it), sorted. */
export function htmlFiles(dir, under = "") {
  const out = [];
  for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...htmlFiles(dir, path));
    else if (entry.name.endsWith(".html")) out.push(path);
  }
  return out.sort();
}

/** One page of every kind, as paths under a language prefix. */
export const PAGE_KINDS = {
  home: "",
  clinic: "clinics/2024-11-changemakers-toolkit/",
  summary: "clinics/2024-11-changemakers-toolkit/summary/",
  calendar: "calendar/",
  level: "levels/experienced/",
  topics: "topics/",
  topic: "topics/advocacy/",
  sharers: "sharers/",
  sharer: "sharers/wikimedia-uk/",
  newsletter: "newsletter/",
  issue: "newsletter/issue-21/",
  page: "about/",
  translations: "translations/",
  notfound: "404.html",
};

/** Before a file's tests: builds the site, serves it and launches Chromium,
 *  handing both to `ready`; after them, closes both. */
export function withSiteAndBrowser(ready) {
  let site, browser;
  before(async () => {
    site = await serve(build());
    browser = await launch();
    ready(site, browser);
  });
  after(async () => {
    await browser?.close();
    site?.close();
  });
}
