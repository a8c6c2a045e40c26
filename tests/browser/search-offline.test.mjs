// Search offline (issue 26), in Chromium with the site's service worker:
// a visitor lands on a session's page, loads /search/, searches, opens
// another session, then goes offline
// (the context set offline and the server stopped): the same search still
// finds what `tandem search --json` finds, both sessions still open, a page
// never opened gets the browser's offline page, and a search needing files
// never fetched says so instead of failing. After "Keep search for offline
// use" (whose size is what the files on disk weigh), any search works
// offline, "more results" too. A rebuilt site replaces the old caches.
// No uncaught error at any point.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync, readdirSync, statSync, existsSync, cpSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join, extname } from "node:path";
import { gunzipSync } from "node:zlib";
import { build, launch, netlifyCsp, scratchDir, REPO } from "./support.mjs";

const BIN = process.env.TANDEM_BIN || join(REPO, "target/debug/tandem");
const FIXTURE = "tests/fixtures/site/search-counts";
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".gz": "application/gzip" };

/** A server of `site.dir` (which may change) that can be stopped and started on the same port. */
async function restartableServer(dir) {
  const site = { dir, port: 0, csp: netlifyCsp() };
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    let file = join(site.dir, path), status = 200;
    if (!file.startsWith(site.dir) || !existsSync(file) || statSync(file).isDirectory()) { file = join(site.dir, "404.html"); status = 404; }
    res.writeHead(status, { "Content-Type": TYPES[extname(file)] || "application/octet-stream", "Content-Security-Policy": site.csp });
    res.end(readFileSync(file));
  });
  site.start = () => new Promise((ok) => server.listen(site.port, "127.0.0.1", () => { site.port = server.address().port; ok(); }));
  site.stop = () => new Promise((ok) => { server.close(() => ok()); server.closeAllConnections(); });
  await site.start();
  site.url = `http://127.0.0.1:${site.port}`;
  return site;
}

function cli(root, lang, lines) {
  const file = join(scratchDir("tandem-offline-"), "queries.txt");
  writeFileSync(file, lines.join("\n") + "\n");
  const r = spawnSync(BIN, ["search", "--root", root, "--lang", lang, "--limit", "100", "--queries", file], { encoding: "utf8", env: { ...process.env, TANDEM_TODAY: "2024-12-01" } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}
const count = (n) => (n === 1 ? "1 result" : `${n} results`); // i18n/en.yaml's search_count (English: one, other)

let browser, site, dir;
before(async () => {
  dir = build(FIXTURE);
  site = await restartableServer(dir);
  browser = await launch();
});
after(async () => { await browser?.close(); await site?.stop().catch(() => {}); });

/** Waits until `check()` resolves true (`seconds` at most). */
async function until(check, what, seconds = 10) {
  for (let tries = 0; tries < seconds * 10; tries++) {
    if (await check()) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.fail(`timed out: ${what}`);
}
async function search(page, query) {
  await page.locator("#search-input").fill(query);
  await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q
    && !document.querySelector("#search-results").hasAttribute("aria-busy")
    && document.querySelector("#search-status").textContent !== "", query);
  return page.locator("#search-status").textContent();
}
async function offline(context, on) {
  await context.setOffline(on);
  await (on ? site.stop() : site.start());
}

test("what a visitor searched and opened works offline; the whole index once kept; a rebuild replaces the caches", async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const root = join(REPO, FIXTURE);
  const [volunteers, wikidata, safety] = cli(root, "en", ["volunteers", "wikidata", "safety"]);

  // The first page a visitor lands on registers the worker, which keeps it.
  const landed = volunteers.results[1];
  await page.goto(`${site.url}${landed.url}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await until(() => page.evaluate((url) => caches.match(url).then(Boolean), `${site.url}${landed.url}`), "the landing page kept");
  await page.goto(`${site.url}/search/`);
  assert.equal(await search(page, "volunteers"), count(volunteers.total));
  const opened = volunteers.results[0];
  await page.locator("#search-results a", { hasText: opened.title }).first().click();
  await page.waitForURL(new RegExp(opened.url));

  await offline(context, true);
  await page.goto(`${site.url}/search/`);
  assert.equal(await search(page, "volunteers"), count(volunteers.total), "a search made before");
  assert.deepEqual(await page.locator("#search-results .card-title").allTextContents(), volunteers.results.slice(0, 10).map((r) => r.title));
  await page.goto(`${site.url}${opened.url}`);
  assert.equal(await page.locator("h1").textContent(), opened.title, "a page opened before");
  await page.goto(`${site.url}${landed.url}`);
  assert.equal(await page.locator("h1").textContent(), landed.title, "the page the visitor landed on");
  const another = await context.newPage();
  await assert.rejects(another.goto(`${site.url}/about/`), /ERR_/, "a page never opened: the browser's offline page");
  await another.close();
  await page.goto(`${site.url}/search/`);
  const english = readFileSync(join(REPO, "i18n/en.yaml"), "utf8");
  const offlineText = JSON.parse(english.match(/^search_offline: (".*")$/m)[1]);
  assert.equal(await search(page, "safety"), offlineText, "a search needing files never fetched says so");

  // Keep the whole index: its size is what its files weigh on disk (all but the manifest and single cards).
  await offline(context, false);
  await page.reload();
  const keep = page.locator("#search-offline button");
  await keep.waitFor();
  const files = readdirSync(join(dir, "search/en")).filter((f) => !/^(c\d+|manifest)\./.test(f));
  const bytes = files.reduce((sum, f) => sum + statSync(join(dir, "search/en", f)).size, 0);
  assert.equal(await keep.textContent(), `Keep search for offline use (${Math.ceil(bytes / 1000)} KB)`);
  await keep.click();
  await page.locator("#search-offline p", { hasText: "Search is kept on this device" }).waitFor();

  await offline(context, true);
  await page.reload();
  assert.equal(await search(page, "safety"), count(safety.total));
  assert.equal(await search(page, "wikidata"), count(wikidata.total));
  await page.locator("#search-input").fill("");
  const clinics = page.locator('input[name="kind"][value="clinic"]');
  await clinics.locator("xpath=ancestor::details/summary").click();
  await clinics.check();
  await page.waitForFunction(() => document.querySelectorAll("#search-results > li").length === 10);
  await page.locator("#search-more").click();
  await page.waitForFunction(() => document.querySelectorAll("#search-results > li").length > 10);
  assert.ok(!(await page.locator("#search-status").textContent()).includes("offline"));

  // A rebuilt site: a new worker, whose caches replace the old ones.
  await offline(context, false);
  const before = await page.evaluate(() => caches.keys());
  const oldVersion = await page.locator("#search-form").getAttribute("data-version");
  assert.deepEqual(before.sort(), [`tandem-files-${oldVersion}`, `tandem-pages-${oldVersion}`]);
  const changed = join(scratchDir("tandem-rebuilt-"), "site");
  cpSync(root, changed, { recursive: true });
  const clinic = readdirSync(join(changed, "content/clinics")).find((f) => f.endsWith("volunteer-safety.md"));
  const source = join(changed, "content/clinics", clinic);
  writeFileSync(source, readFileSync(source, "utf8").replace("title: Safety for volunteers at events", "title: Safety for volunteers at every event"));
  const rebuilt = join(scratchDir("tandem-rebuilt-out-"), "public");
  const r = spawnSync(BIN, ["build", "--root", changed, "--out", rebuilt], { encoding: "utf8", env: { ...process.env, TANDEM_TODAY: "2024-12-01" } });
  assert.equal(r.status, 0, r.stderr);
  site.dir = rebuilt;
  await page.goto(`${site.url}/search/`);
  const newVersion = await page.locator("#search-form").getAttribute("data-version");
  assert.notEqual(newVersion, oldVersion);
  // The browser checks for a new worker after a navigation, on a timer it defers while the
  // worker is busy; asked now (as it would be within a day in any case), it finds the new one.
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r && r.update()));
  const state = () => page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration(), v = (w) => w && w.state;
    return JSON.stringify({ keys: await caches.keys(), active: v(r && r.active), waiting: v(r && r.waiting), installing: v(r && r.installing) });
  });
  await until(async () => !(await page.evaluate(() => caches.keys())).some((n) => n.endsWith(oldVersion)), "the old caches are gone", 30).catch(async (e) => { throw new Error(`${e.message}: ${await state()}`); });
  await page.locator("#search-offline button").waitFor();
  const manifest = await page.locator("#search-form").getAttribute("data-manifest");
  assert.ok(!(await page.evaluate((m) => caches.match(m + "?kept").then(Boolean), manifest)), "the new index is not kept without asking");
  assert.deepEqual(errors, []);
  // The worker's own weight on a first visit.
  const worker = readFileSync(join(dir, "sw.js"));
  const { gzipSync } = await import("node:zlib");
  assert.ok(gzipSync(worker, { level: 9 }).length <= 1024, `sw.js is ${gzipSync(worker, { level: 9 }).length} bytes gzipped`);
  assert.ok(gunzipSync(gzipSync(worker)).length === worker.length);
});
