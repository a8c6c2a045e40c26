// A clinic's summary page prints on one A4 page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { build, serve, launch } from "./support.mjs";

/** Pages of a PDF, counted from its page objects. */
function pageCount(pdf) {
  const text = pdf.toString("latin1");
  return (text.match(/\/Type\s*\/Page[^s]/g) || []).length;
}

test("every clinic summary prints on one A4 page, in English and in Arabic", async () => {
  const site = await serve(build());
  const browser = await launch();
  const page = await browser.newPage();
  const clinics = ["2024-11-changemakers-toolkit", "2024-08-keeping-volunteers-onboard", "2024-09-grantee-partner-learning-conversation-1", "2024-11-knowledge-is-identity"];
  for (const prefix of ["", "ar/"]) {
    for (const slug of clinics) {
      await page.goto(`${site.url}/${prefix}clinics/${slug}/summary/`);
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      assert.equal(pageCount(pdf), 1, `${prefix}${slug} prints on ${pageCount(pdf)} pages`);
    }
  }
  await page.goto(`${site.url}/clinics/2024-11-changemakers-toolkit/`);
  assert.ok(pageCount(await page.pdf({ format: "A4" })) >= 1, "the counter counts pages of a longer page too");
  await browser.close();
  site.close();
});
