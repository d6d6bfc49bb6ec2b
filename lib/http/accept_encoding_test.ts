import assert from "node:assert/strict";
import { acceptsCoding, negotiateCoding } from "./accept_encoding.ts";

Deno.test("negotiateCoding() picks the highest q-value, br before gzip on a tie", () => {
  const cases: [string | null, string][] = [
    [null, "identity"],
    ["", "identity"],
    ["gzip, deflate, br, zstd", "br"],
    ["gzip, deflate", "gzip"],
    ["gzip;q=1, br;q=0.5", "gzip"],
    ["br;q=0.2, gzip;q=0.1", "br"],
    ["x-gzip", "gzip"],
    ["GZIP", "gzip"],
    ["*", "br"],
    ["*;q=0.5, br;q=0", "gzip"],
    ["deflate", "identity"],
    ["gzip;q=0", "identity"],
    ["gzip;q=0, identity;q=0", "identity"],
    ["br ; q=0.8 , gzip ; q=0.9", "gzip"],
    ["gzip;q=abc", "identity"],
  ];
  for (const [header, coding] of cases) {
    assert.equal(negotiateCoding(header), coding, `Accept-Encoding: ${header}`);
  }
});

Deno.test("negotiateCoding() chooses only among the codings available", () => {
  assert.equal(negotiateCoding("br, gzip", ["gzip", "identity"]), "gzip");
  assert.equal(negotiateCoding("br", ["gzip", "identity"]), "identity");
});

Deno.test("acceptsCoding() allows identity unless refused, others only when named", () => {
  assert.ok(acceptsCoding(null, "identity"));
  assert.ok(!acceptsCoding(null, "gzip"));
  assert.ok(acceptsCoding("gzip", "identity"));
  assert.ok(!acceptsCoding("gzip, identity;q=0", "identity"));
  assert.ok(!acceptsCoding("*;q=0", "identity"));
  assert.ok(acceptsCoding("*", "br"));
  assert.ok(!acceptsCoding("gzip", "br"));
});
