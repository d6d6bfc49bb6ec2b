import assert from "node:assert/strict";
import {
  escapeCell,
  formatGroup,
  formatTitle,
  parseTitle,
  splitGroup,
  splitRow,
  unescapeCell,
} from "./_inline.ts";

const AWKWARD = [
  "",
  "a|b",
  "\\",
  "a\\",
  "\\|",
  "\\\\|",
  "C:\\dir",
  "(",
  ")",
  "f(x)",
  "a) (b",
  "\\(",
];

Deno.test("escapeCell and unescapeCell are inverse and leave other backslashes alone", () => {
  for (const text of AWKWARD) assert.equal(unescapeCell(escapeCell(text)), text);
  assert.equal(escapeCell("C:\\dir | x"), "C:\\dir \\| x");
});

Deno.test("splitRow splits at unescaped pipes only", () => {
  assert.deepEqual(splitRow("| a \\| b | c\\\\ |"), ["a | b", "c\\"]);
  assert.deepEqual(splitRow("|  | x |"), ["", "x"]);
  assert.equal(splitRow("| a | b"), null);
  assert.equal(splitRow("a | b |"), null);
  assert.equal(splitRow("| a \\|"), null);
});

Deno.test("splitGroup finds the trailing parenthetical after a space", () => {
  assert.deepEqual(splitGroup("Title (a (b) c)"), { head: "Title", group: "a (b) c" });
  assert.deepEqual(splitGroup("Title (a\\) b)"), { head: "Title", group: "a) b" });
  assert.equal(splitGroup("Call f(x)"), null);
  assert.equal(splitGroup("Fix (x\\)"), null);
  assert.equal(splitGroup("(only)"), null);
  assert.equal(splitGroup("Empty ()"), null);
});

Deno.test("formatTitle and formatGroup read back through splitGroup and parseTitle", () => {
  for (const title of AWKWARD.filter((t) => t !== "")) {
    for (const group of [null, ...AWKWARD.filter((t) => t.trim() !== "")]) {
      const raw = formatTitle(title) + (group === null ? "" : ` (${formatGroup(group)})`);
      const split = splitGroup(raw);
      const read = split === null ? [parseTitle(raw), null] : [parseTitle(split.head), split.group];
      assert.deepEqual(read, [title, group], raw);
    }
  }
});
