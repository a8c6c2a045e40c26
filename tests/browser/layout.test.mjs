// The layout a visitor gets at 360 px and at 1280 px, in English and Arabic,
// in the light and the dark colour scheme: a header of at most two rows; on
// every clinic page the summary and the first recording link on the first
// screen; a focus indicator of at least 3:1 on every focusable element; and
// every link and control at least 24 × 24 px or spaced as WCAG 2.5.8 allows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withSiteAndBrowser, clinicSlugs, PAGE_KINDS, VIEWPORTS, DIRECTIONS, SCHEMES } from "./support.mjs";
import { headerRows, contrasts, smallTargets } from "./measure.mjs";

let site, browser;
withSiteAndBrowser((served, launched) => ([site, browser] = [served, launched]));

/** Runs `check` on a fresh page for every viewport, language and colour scheme. */
async function everywhere(check) {
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    for (const [lang, prefix] of Object.entries(DIRECTIONS)) {
      for (const colorScheme of SCHEMES) {
        const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await check(page, { device, lang, prefix, colorScheme, where: `${device} ${lang} ${colorScheme}` });
        await context.close();
      }
    }
  }
}

test("the header takes at most two rows on every page kind", async () => {
  const report = [];
  await everywhere(async (page, { prefix, where }) => {
    for (const [kind, path] of Object.entries(PAGE_KINDS)) {
      await page.goto(`${site.url}/${prefix}${path}`);
      const { rows, height, lineHeights } = await page.evaluate(headerRows);
      assert.ok(rows >= 1 && rows <= 2, `${where} ${kind}: the header takes ${rows} rows (${height} px: ${lineHeights})`);
      if (kind === "clinic") report.push(`${where}: ${rows} rows, ${height} px`);
    }
  });
  console.log(report.join("\n"));
});

test("on every clinic page the summary and the first recording link are on the first screen", async () => {
  let lowest = { bottom: 0 };
  await everywhere(async (page, { prefix, where }) => {
    for (const slug of clinicSlugs()) {
      await page.goto(`${site.url}/${prefix}clinics/${slug}/`);
      const place = await page.evaluate(() => {
        const top = (el) => el && Math.round(el.getBoundingClientRect().top);
        const link = document.querySelector("#resources ~ ul a");
        return { summary: top(document.querySelector("#in-short + p")), link: top(link), bottom: link && Math.round(link.getBoundingClientRect().bottom), screen: innerHeight };
      });
      assert.ok(place.summary !== null && place.summary < place.screen, `${where} ${slug}: the summary starts at ${place.summary} px`);
      if (place.link === null) continue; // a clinic without recordings says so
      assert.ok(place.link < place.screen, `${where} ${slug}: the first recording link starts at ${place.link} px, below the first ${place.screen} px`);
      assert.ok(place.bottom <= place.screen, `${where} ${slug}: the first recording link ends at ${place.bottom} px, below the first ${place.screen} px`);
      if (place.bottom > lowest.bottom) lowest = { ...place, where: `${where} ${slug}` };
    }
  });
  console.log(`lowest first recording link: ${JSON.stringify(lowest)}`);
});

test("every focusable element shows a focus outline of at least 3:1, and every text is 4.5:1 (3:1 large)", async () => {
  let weakest = { contrast: Infinity };
  let palest = { contrast: Infinity };
  let measured = 0, texts = 0;
  await everywhere(async (page, { prefix, where }) => {
    for (const [kind, path] of Object.entries(PAGE_KINDS)) {
      await page.goto(`${site.url}/${prefix}${path}`);
      await page.keyboard.press("Tab"); // focus from the keyboard, so :focus-visible applies
      const { focus, text } = await page.evaluate(contrasts);
      for (const f of focus) {
        measured++;
        assert.notEqual(f.style, "none", `${where} ${kind}: ${f.what} has no focus outline`);
        assert.ok(f.width >= 2, `${where} ${kind}: ${f.what} has a ${f.width}-px focus outline`);
        assert.ok(f.contrast >= 3, `${where} ${kind}: ${f.what}'s focus outline is ${f.contrast.toFixed(2)}:1`);
        if (f.contrast < weakest.contrast) weakest = { ...f, where: `${where} ${kind}` };
      }
      for (const t of text) {
        texts++;
        assert.ok(t.contrast >= (t.large ? 3 : 4.5), `${where} ${kind}: ${t.what} is ${t.contrast.toFixed(2)}:1`);
        if (t.contrast < palest.contrast) palest = { ...t, where: `${where} ${kind}` };
      }
    }
  });
  console.log(`${measured} focus outlines measured; the weakest: ${JSON.stringify(weakest)}`);
  console.log(`${texts} texts measured; the palest: ${JSON.stringify(palest)}`);
});

test("every link and control is at least 24 × 24 px, or spaced as WCAG 2.5.8 allows", async () => {
  let measured = 0, small = 0;
  await everywhere(async (page, { prefix, where }) => {
    for (const [kind, path] of Object.entries(PAGE_KINDS)) {
      await page.goto(`${site.url}/${prefix}${path}`);
      const result = await page.evaluate(smallTargets);
      measured += result.measured;
      small += result.small;
      assert.deepEqual(result.failing, [], `${where} ${kind}`);
    }
  });
  console.log(`${measured} targets measured, ${small} under 24 px and spaced`);
});
