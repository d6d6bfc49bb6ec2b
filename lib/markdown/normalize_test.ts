import assert from "node:assert/strict";
import { emptyDashboard, normalizeDashboard, normalizeText, parseDashboard } from "./mod.ts";

const REFERENCE = Deno.readTextFileSync(new URL("./testdata/reference.md", import.meta.url));

Deno.test("normalizeText joins lines, drops control characters and trims", () => {
  assert.equal(normalizeText(" a\r\n\r\nb\u0000c\u007f "), "a b c");
  assert.equal(normalizeText("tab\tkept"), "tab\tkept");
  assert.equal(normalizeText("Überprüfung 計画 🚀"), "Überprüfung 計画 🚀");
});

Deno.test("normalizeDashboard keeps an extra section's lines", () => {
  const doc = emptyDashboard("Launch");
  doc.extraSections = [{ heading: " Notes ", body: "\n\none\r\n\n  two\u0007\n\n", after: "log" }];
  assert.deepEqual(normalizeDashboard(doc).extraSections, [
    { heading: "Notes", body: "one\n\n  two ", after: "log" },
  ]);
});

Deno.test("a parsed dashboard is in normal form", () => {
  const doc = parseDashboard(REFERENCE);
  assert.deepEqual(normalizeDashboard(doc), doc);
});
