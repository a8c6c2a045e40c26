// axe-core on one page of every kind, in English and in Arabic, at phone and
// desktop width, in the light and the dark colour scheme: no violations
// (WCAG 2.x A and AA rules, colour contrast included), and the landmarks and
// skip link every page needs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { withSiteAndBrowser, PAGE_KINDS, VIEWPORTS, SCHEMES } from "./support.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let site, browser;
withSiteAndBrowser((served, launched) => ([site, browser] = [served, launched]));

for (const prefix of ["", "ar/"]) {
  for (const [kind, path] of Object.entries(PAGE_KINDS)) {
    test(`axe: ${prefix || "en/"}${kind}`, async () => {
      for (const [device, viewport] of Object.entries(VIEWPORTS)) {
        for (const colorScheme of SCHEMES) {
          // The test injects axe itself, so it needs to bypass the site's CSP.
          const context = await browser.newContext({ bypassCSP: true, viewport, colorScheme });
          const page = await context.newPage();
          await page.goto(`${site.url}/${prefix}${path}`);
          await page.addScriptTag({ path: AXE });
          const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } }));
          const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
          assert.deepEqual(violations, [], `${device} ${colorScheme}`);
          await context.close();
        }
      }
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${site.url}/${prefix}${path}`);
      const landmarks = await page.evaluate(() => ({
        main: document.querySelectorAll("main").length,
        banner: document.querySelectorAll("body > header").length,
        contentinfo: document.querySelectorAll("body > footer").length,
        skip: document.querySelector("a.skip")?.getAttribute("href"),
        lang: document.documentElement.lang,
        dir: document.documentElement.dir,
      }));
      assert.deepEqual(landmarks, { main: 1, banner: 1, contentinfo: 1, skip: "#main", lang: prefix ? "ar" : "en", dir: prefix ? "rtl" : "ltr" });
      await context.close();
    });
  }
}
