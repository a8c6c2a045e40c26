// scripts/fingerprint, the cache key of the deployed binary: it changes with
// what is compiled into the program and with the profile, and not with
// content, so a content-only deploy finds the binary it built before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const repo = join(import.meta.dirname, "../..");
const tree = mkdtempSync(join(tmpdir(), "tandem-fingerprint-"));
test.after(() => rmSync(tree, { recursive: true, force: true }));
for (const path of ["scripts/fingerprint", "src", "themes", "i18n", "Cargo.toml", "Cargo.lock", "content/site.yaml"]) {
  cpSync(join(repo, path), join(tree, path), { recursive: true });
}
const fingerprint = (profile = "release") => execFileSync(join(tree, "scripts/fingerprint"), [profile], { encoding: "utf8" }).trim();

test("the fingerprint follows the compiled sources, not the content", () => {
  const first = fingerprint();
  assert.match(first, /^[0-9a-f]{64}$/);
  assert.equal(fingerprint(), first, "the same tree, the same fingerprint");

  appendFileSync(join(tree, "content/site.yaml"), "\n# an editor's change\n");
  appendFileSync(join(tree, "i18n/fr.yaml"), "\n# a translator's change\n");
  mkdirSync(join(tree, "content/clinics"), { recursive: true });
  writeFileSync(join(tree, "content/clinics/new.md"), "---\ntitle: New\n---\n");
  assert.equal(fingerprint(), first, "content and translations are read at run time");

  assert.notEqual(fingerprint("dist"), first, "another profile, another binary");
  const changes = [
    ["src/lib.rs", "\n// a change to the program\n"],
    ["themes/default/templates/base.html", "\n"],
    ["i18n/en.yaml", "\n# compiled in\n"],
    ["Cargo.lock", "\n"],
  ];
  let previous = first;
  for (const [file, text] of changes) {
    appendFileSync(join(tree, file), text);
    const now = fingerprint();
    assert.notEqual(now, previous, `${file} is compiled in`);
    previous = now;
  }
  writeFileSync(join(tree, "build.rs"), "fn main() {}\n");
  assert.notEqual(fingerprint(), previous, "a build script counts");
});
