// Hostile content in a real browser: a site whose records try script
// injection in every field (title, summary, takeaways, resource label,
// sharer name and role, body, site settings) is browsed under the site's
// Content-Security-Policy; no script runs and every such text shows as text.
// The real site works under the same policy, with no violation reported.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { build, serve, launch } from "./support.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Visits `url`, returning console errors, CSP violations and whether an injected script ran. */
async function visit(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => { (window.__csp ||= []).push(`${e.violatedDirective} ${e.blockedURI}`); });
  });
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  const state = await page.evaluate(() => ({ xss: window.__xss, csp: window.__csp || [] }));
  return { page, problems, ...state };
}

test("no injected script runs anywhere on the hostile site, and the text shows as text", async () => {
  const site = await serve(build("tests/fixtures/site/injection"));
  const context = await browser.newContext();
  const pages = ["/", "/clinics/2024-11-xss/", "/clinics/2024-11-xss/summary/", "/sharers/mallory/", "/sharers/", "/topics/xss/", "/topics/",
    "/calendar/", "/levels/newcomer/", "/search-me/", "/ar/clinics/2024-11-xss/", "/ar/", "/translations/", "/404.html"];
  for (const path of pages) {
    const { page, xss, problems } = await visit(context, site.url + path);
    assert.equal(xss, undefined, `a script ran on ${path}`);
    assert.deepEqual(problems.filter((p) => !p.includes("Failed to load resource")), [], path);
    await page.close();
  }
  const { page } = await visit(context, site.url + "/clinics/2024-11-xss/");
  assert.equal(await page.locator("h1").innerText(), "Clinic <script>window.__xss='title'</script>");
  assert.equal(await page.locator(".summary p").first().innerText(), `Summary "><img src=x onerror=window.__xss='summary'>`);
  assert.equal(await page.locator("#takeaways + ul li").first().innerText(), "<iframe src=javascript:window.__xss='takeaway'></iframe>");
  assert.equal(await page.locator(".resources a").innerText(), "VIDEO\nLabel <script>window.__xss='resource'</script>", "the kind, then the label");
  assert.equal(await page.locator("#sharers + ul a").innerText(), "Mallory <img src=x onerror=window.__xss='sharer'>");
  assert.equal(await page.locator("script").count(), 1, "only the site's own script element exists");
  assert.equal(await page.locator("main :is(img, iframe, svg)").count(), 0, "none in the content (the theme's icons are in its header)");
  await page.close();
  await context.close();
  site.close();
});

test("the real site works under the Content-Security-Policy of netlify.toml", async () => {
  const site = await serve(build());
  const context = await browser.newContext();
  for (const path of ["/", "/clinics/2024-11-changemakers-toolkit/", "/ar/calendar/", "/zh/about/"]) {
    const { page, problems, csp } = await visit(context, site.url + path);
    assert.deepEqual(csp, [], `CSP violations on ${path}`);
    assert.deepEqual(problems, [], path);
    if (path.includes("clinics")) {
      // The script rewrites the session's time in the visitor's zone and keeps the UTC form as its title.
      assert.equal(await page.locator("time[data-minutes][title]").count(), 1, "the site's own script runs under the CSP");
    }
    await page.close();
  }
  await context.close();
  site.close();
});

test("the CSP test can fail: an inline script is reported as a violation", async () => {
  const site = await serve(build("tests/fixtures/site/injection"), { csp: "script-src 'self'" });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url + "/");
  const violation = await page.evaluate(() => new Promise((ok) => {
    document.addEventListener("securitypolicyviolation", (e) => ok(e.violatedDirective));
    const s = document.createElement("script");
    s.textContent = "window.__xss = 'inline'";
    document.body.appendChild(s);
    setTimeout(() => ok(null), 2000);
  }));
  assert.equal(violation, "script-src-elem");
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await context.close();
  site.close();
});
