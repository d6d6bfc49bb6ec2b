import assert from "node:assert/strict";
import { eventFromRow, parseInvalidationPayload } from "./event.ts";

Deno.test("parseInvalidationPayload() reads the flush trigger's JSON", () => {
  const payload =
    '{"seq" : 7, "tenant" : "0b7e7dc0-8f4e-4c55-9d0a-6d8b7b0a4e11", "topic" : "project:x", "version" : 3, "at" : 1700000000000}';
  assert.deepEqual(parseInvalidationPayload(payload), {
    seq: 7,
    tenant: "0b7e7dc0-8f4e-4c55-9d0a-6d8b7b0a4e11",
    topic: "project:x",
    version: 3,
    at: 1700000000000,
  });
});

Deno.test("parseInvalidationPayload() returns undefined for malformed payloads", () => {
  for (
    const payload of [
      "",
      "nonsense",
      "null",
      "[]",
      '{"seq":1,"tenant":null,"topic":"flags:*","version":"2","at":0}',
      '{"seq":-1,"tenant":null,"topic":"flags:*","version":2,"at":0}',
      '{"seq":1,"tenant":"acme","topic":"flags:*","version":2,"at":0}',
      '{"seq":1,"tenant":null,"topic":"","version":2,"at":0}',
    ]
  ) {
    assert.equal(parseInvalidationPayload(payload), undefined, payload);
  }
});

Deno.test("eventFromRow() reads bigints whichever way the driver returns them", () => {
  assert.deepEqual(
    eventFromRow({ seq: 3n, tenant: null, topic: "flags:*", version: "4", at: 5 }),
    { seq: 3, tenant: null, topic: "flags:*", version: 4, at: 5 },
  );
});
