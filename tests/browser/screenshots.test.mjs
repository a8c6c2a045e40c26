// Screenshots of every page kind at a 360-px phone width and at desktop
// width, in English and in Arabic, in the light and the dark colour scheme,
// saved to target/screenshots/ to look at; no page scrolls sideways.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build, serve, launch, PAGE_KINDS, REPO, VIEWPORTS, DIRECTIONS, SCHEMES } from "./support.mjs";

test("screenshots of every page kind, phone and desktop, English and Arabic, light and dark", async () => {
  const out = join(REPO, "target/screenshots");
  mkdirSync(out, { recursive: true });
  const site = await serve(build());
  const browser = await launch();
  try {
    await everyShot(browser, site, out);
  } finally {
    await browser.close();
    site.close();
  }
});

async function everyShot(browser, site, out) {
  let shots = 0;
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    for (const colorScheme of SCHEMES) {
      const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1, timezoneId: "UTC" });
      const page = await context.newPage();
      for (const [lang, prefix] of Object.entries(DIRECTIONS)) {
        for (const [kind, path] of Object.entries(PAGE_KINDS)) {
          await page.goto(`${site.url}/${prefix}${path}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${lang} ${kind} on ${device} (${colorScheme}) scrolls sideways by ${overflow}px`);
          const file = join(out, `${device}-${lang}-${colorScheme}-${kind}.png`);
          await page.screenshot({ path: file, fullPage: true });
          assert.ok(statSync(file).size > 1000);
          shots++;
        }
      }
      await context.close();
    }
  }
  assert.equal(shots, Object.keys(PAGE_KINDS).length * 2 * 2 * 2);
}
