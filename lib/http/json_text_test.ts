import assert from "node:assert/strict";
import { jsonText } from "./json_text.ts";

Deno.test("jsonText() serialises an object once and answers the same text again", () => {
  const value = { phases: [{ id: "p1", tasks: [] }], title: "Q3" };
  const text = jsonText(value);
  assert.equal(text, JSON.stringify(value));
  const original = JSON.stringify;
  let calls = 0;
  JSON.stringify = ((...args: Parameters<typeof original>) => {
    calls++;
    return original(...args);
  }) as typeof original;
  try {
    assert.equal(jsonText(value), text);
    assert.equal(calls, 0, "remembered");
    assert.equal(jsonText({ ...value }), text, "another object with the same data");
    assert.equal(calls, 1);
  } finally {
    JSON.stringify = original;
  }
  assert.equal(jsonText(null), "null");
  assert.equal(jsonText(undefined), "null");
  assert.equal(jsonText('a"b'), '"a\\"b"');
});
