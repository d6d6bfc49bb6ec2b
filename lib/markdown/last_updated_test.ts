import assert from "node:assert/strict";
import { formatLastUpdated, parseLastUpdated } from "./last_updated.ts";

Deno.test("formatLastUpdated() writes the header's value and parseLastUpdated() reads it", () => {
  const cases = [
    [{ date: "2025-07-31", time: "5:30 PM" }, "2025-07-31 (5:30 PM)"],
    [{ date: "yesterday", time: null }, "yesterday"],
    [{ date: "Sprint (2)", time: null }, "Sprint (2\\)"],
    [{ date: "2025-07-31", time: "a) b" }, "2025-07-31 (a\\) b)"],
  ] as const;
  for (const [value, text] of cases) {
    assert.equal(formatLastUpdated(value), text);
    assert.deepEqual(parseLastUpdated(text), value);
  }
  assert.equal(parseLastUpdated("  "), null);
});
