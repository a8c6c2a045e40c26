// The site as Netlify serves it: netlify.toml's build command
// (scripts/netlify-build) run on this repository, then requests answered
// with Netlify's own parsers and redirect engine (netlify.mjs). Checks the
// pages a visitor gets, the language 404 pages, the headers (the
// Content-Security-Policy, the immutable stylesheet), a mirror under a
// sub-path, and the redirect by the browser's language.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { netlifySite } from "./netlify.mjs";

const repo = join(import.meta.dirname, "../..");
const tandem = process.env.TANDEM_BIN ?? join(repo, "target/debug/tandem");
const config = join(repo, "netlify.toml");
const env = { ...process.env, TANDEM_BIN: tandem, TANDEM_TODAY: "2026-01-01" };
delete env.TANDEM_MIRROR;
delete env.TANDEM_LANG;
delete env.TANDEM_BASE_URL;
const work = mkdtempSync(join(tmpdir(), "tandem-netlify-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

const siteYaml = readFileSync(join(repo, "content/site.yaml"), "utf8");
const defaultLanguage = siteYaml.match(/^default_language:\s*(\S+)/m)[1];
const clinic = readdirSync(join(repo, "content/clinics")).find((f) => /^[a-z0-9-]+\.md$/.test(f)).replace(/\.md$/, "");

const lang = (response) => response.body.match(/<html lang="([^"]+)"/)?.[1];
const stylesheet = (response) => response.body.match(/<link rel="?stylesheet"? href="([^"]+)"/)?.[1];

function netlifyBuild(publish, extraEnv = {}) {
  execFileSync(join(repo, "scripts/netlify-build"), [publish], { env: { ...env, ...extraEnv }, stdio: "pipe" });
}

test("the main site: pages, language 404 pages and headers as Netlify serves them", async () => {
  const publish = join(work, "public");
  netlifyBuild(publish);
  const site = await netlifySite({ config, publish });
  assert.deepEqual(site.errors, [], "netlify.toml and _redirects parse without errors");

  const home = site.request("/");
  assert.equal(home.status, 200);
  assert.equal(lang(home), defaultLanguage);
  const csp = home.headers["Content-Security-Policy"];
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(home.headers["X-Frame-Options"], "DENY");

  const french = site.request("/fr/");
  assert.equal(french.status, 200, "the /fr/* 404 rule does not hide pages that exist");
  assert.equal(lang(french), "fr");

  const page = site.request(`/clinics/${clinic}/`);
  assert.equal(page.status, 200);
  assert.equal(page.headers["Content-Security-Policy"], csp);
  assert.equal(site.request(`/ar/clinics/${clinic}/`).status, 200);

  const missingFr = site.request("/fr/no-such-page/");
  assert.equal(missingFr.status, 404);
  assert.equal(lang(missingFr), "fr", "a missing French page gets the French 404 page");
  const missing = site.request("/no-such-page/");
  assert.equal(missing.status, 404);
  assert.equal(lang(missing), defaultLanguage);
  assert.equal(missing.headers["Content-Security-Policy"], csp);

  const css = site.request(stylesheet(home));
  assert.equal(css.status, 200);
  assert.match(css.body, /\{/);
  assert.equal(css.headers["Cache-Control"], "public, max-age=31536000, immutable");
  assert.equal(home.headers["Cache-Control"], undefined, "pages are not cached as immutable");

  assert.match(site.request("/calendar.ics").headers["Content-Type"], /^text\/calendar/);
  const feed = site.request("/newsletter/atom.xml");
  assert.equal(feed.status, 200);
  assert.match(feed.headers["Content-Type"], /^application\/atom\+xml/);
});

test("an upcoming session's calendar entry is served as text/calendar, in every language", async () => {
  const publish = join(work, "public-upcoming");
  // On this date the February 2025 sessions are still to come.
  netlifyBuild(publish, { TANDEM_TODAY: "2025-01-01" });
  const site = await netlifySite({ config, publish });
  const upcoming = readdirSync(join(publish, "clinics")).filter((slug) => {
    try { return readFileSync(join(publish, "clinics", slug, "event.ics")).length > 0; } catch { return false; }
  });
  assert.ok(upcoming.length > 0, "some session is upcoming");
  for (const path of [`/clinics/${upcoming[0]}/event.ics`, `/fr/clinics/${upcoming[0]}/event.ics`, "/fr/calendar.ics"]) {
    const entry = site.request(path);
    assert.equal(entry.status, 200, path);
    assert.match(entry.headers["Content-Type"], /^text\/calendar/, path);
    assert.match(entry.body, /BEGIN:VEVENT/, path);
  }
});

test("a mirror under a sub-path is served at that path on Netlify", async () => {
  const publish = join(work, "public-mirror");
  netlifyBuild(publish, { TANDEM_LANG: "fr", TANDEM_BASE_URL: "https://example.org/letsconnect/" });
  const site = await netlifySite({ config, publish });
  assert.deepEqual(site.errors, []);

  const root = site.request("/");
  assert.equal(root.status, 301);
  assert.equal(root.location, "/letsconnect/");
  const home = site.request("/letsconnect/");
  assert.equal(home.status, 200);
  assert.equal(lang(home), "fr");
  assert.equal(site.request(`/letsconnect/clinics/${clinic}/`).status, 200);
  assert.equal(site.request(`/letsconnect/en/clinics/${clinic}/`).status, 200);

  const missingEn = site.request("/letsconnect/en/no-such-page/");
  assert.equal(missingEn.status, 404);
  assert.equal(lang(missingEn), "en");
  const elsewhere = site.request("/somewhere/else");
  assert.equal(elsewhere.status, 404);
  assert.equal(lang(elsewhere), "fr", "any other address gets the mirror's own 404 page");

  const href = stylesheet(home);
  assert.match(href, /^\/letsconnect\/static\//);
  const css = site.request(href);
  assert.equal(css.status, 200);
  assert.equal(css.headers["Cache-Control"], "public, max-age=31536000, immutable");
});

// The language rules are forced (`302!`): without it Netlify serves the
// existing index.html at / and never redirects.
test("language_redirect: true sends / to the visitor's language", async () => {
  const root = join(work, "site-redirect");
  for (const dir of ["content", "i18n", "themes"]) cpSync(join(repo, dir), join(root, dir), { recursive: true });
  writeFileSync(join(root, "content/site.yaml"), `${siteYaml}\nlanguage_redirect: true\n`);
  const publish = join(root, "public");
  execFileSync(tandem, ["build", "--root", root, "--out", publish], { env, stdio: "pipe" });
  const site = await netlifySite({ config, publish });
  assert.deepEqual(site.errors, []);
  assert.ok(site.rules.some((r) => r.from === "/" && r.to === "/ar/" && (r.conditions.Language ?? r.conditions.language ?? []).includes("ar")), "_redirects has the Arabic rule");

  assert.equal(site.request("/", { "Accept-Language": "en-GB,en;q=0.8" }).status, 200);
  // Netlify serves a file that exists at the address instead of applying a
  // rule that is not forced (shadowing), and / is index.html: unless the
  // rule is written `302!`, nobody is ever redirected.
  const arabic = site.request("/", { "Accept-Language": "ar" });
  assert.equal(arabic.status, 302, "redirected by language (the rule must be forced: `302!`)");
  assert.equal(arabic.location, "/ar/");
});
