// Screenshots of every page kind at desktop width and at a 360-px phone
// width, in English and in Arabic, saved to target/screenshots/ to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build, serve, launch, PAGE_KINDS, REPO } from "./support.mjs";

test("screenshots of every page kind, desktop and phone, English and Arabic", async () => {
  const out = join(REPO, "target/screenshots");
  mkdirSync(out, { recursive: true });
  const site = await serve(build());
  const browser = await launch();
  for (const [device, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 360, height: 740 }]]) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const prefix of ["", "ar/"]) {
      for (const [kind, path] of Object.entries(PAGE_KINDS)) {
        await page.goto(`${site.url}/${prefix}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${prefix}${kind} on ${device} scrolls sideways by ${overflow}px`);
        const file = join(out, `${device}-${prefix ? "ar" : "en"}-${kind}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(statSync(file).size > 1000);
      }
    }
    await context.close();
  }
  await browser.close();
  site.close();
});
