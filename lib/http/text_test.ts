import assert from "node:assert/strict";
import { hasControlCharacters, textField } from "./text.ts";

Deno.test("textField() trims and bounds a text", () => {
  const title = textField({ label: "the title", min: 1, max: 5 });
  assert.equal(title.parse("  abc "), "abc");
  assert.equal(title.safeParse("   ").error?.issues[0].message, "Enter the title");
  assert.equal(
    title.safeParse("abcdef").error?.issues[0].message,
    "Keep the title under 5 characters",
  );
  assert.equal(title.safeParse(undefined).success, false);
  assert.equal(textField({ label: "a note", max: 5 }).parse(""), "");
  assert.equal(textField({ label: "a note", max: 5 }).parse(undefined), "", "left out: empty");
  assert.match(
    textField({ label: "a code", min: 3, max: 9 }).safeParse("ab").error!.issues[0].message,
    /needs 3/,
  );
});

Deno.test("textField() refuses control characters, and line breaks unless multiline", () => {
  const title = textField({ label: "the title", max: 50 });
  for (const bad of ["a\u0000b", "a\u0007b", "a\u001bb", "a\u007fb", "a\u0085b"]) {
    assert.equal(
      title.safeParse(bad).error?.issues[0].message,
      "The title contains a control character",
      JSON.stringify(bad),
    );
  }
  assert.equal(title.safeParse("a\nb").error?.issues[0].message, "The title must be one line");
  assert.equal(title.parse("tab\there"), "tab\there");
  const text = textField({ label: "the text", max: 50, multiline: true });
  assert.equal(text.parse("two\r\nlines"), "two\r\nlines");
  assert.equal(text.safeParse("nul\u0000").success, false);
  assert.equal(title.parse("Überprüfung 計画 проверка 🚀"), "Überprüfung 計画 проверка 🚀");
});

Deno.test("hasControlCharacters() tells which texts may be stored", () => {
  assert.equal(hasControlCharacters("plain"), false);
  assert.equal(hasControlCharacters("line\nbreak\ttab\rcr"), false);
  assert.equal(hasControlCharacters("\u0000"), true);
});
