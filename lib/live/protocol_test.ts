import assert from "node:assert/strict";
import { CLOSE_CODES, isRejection, parseClientFrame } from "./protocol.ts";

Deno.test("parseClientFrame() accepts hello and ping", () => {
  assert.deepEqual(parseClientFrame('{"type":"hello","lastSeq":41}'), {
    type: "hello",
    lastSeq: 41,
  });
  assert.deepEqual(parseClientFrame('{"type":"hello","lastSeq":0}'), { type: "hello", lastSeq: 0 });
  assert.deepEqual(parseClientFrame('{"type":"ping"}'), { type: "ping" });
});

Deno.test("parseClientFrame() refuses bad JSON, unknown types and malformed frames with 1008", () => {
  for (
    const data of [
      "nonsense",
      "",
      "null",
      "[]",
      '{"type":"subscribe","topic":"project:x"}',
      '{"type":"hello"}',
      '{"type":"hello","lastSeq":-1}',
      '{"type":"hello","lastSeq":1.5}',
      '{"type":"hello","lastSeq":"3"}',
      '{"type":"ping","extra":true}',
      '{"type":"event","seq":1,"topic":"flags:*","version":1}',
    ]
  ) {
    const frame = parseClientFrame(data);
    assert.ok(isRejection(frame), data);
    assert.equal(frame.code, CLOSE_CODES.policyViolation, data);
  }
});

Deno.test("parseClientFrame() refuses binary frames with 1008", () => {
  for (const data of [new Uint8Array([123, 125]), new ArrayBuffer(2), new Blob(["{}"])]) {
    const frame = parseClientFrame(data);
    assert.ok(isRejection(frame));
    assert.equal(frame.code, CLOSE_CODES.policyViolation);
  }
  const frame = parseClientFrame(42);
  assert.ok(isRejection(frame));
  assert.equal(frame.code, CLOSE_CODES.policyViolation);
});

Deno.test("parseClientFrame() refuses frames over 4 KiB with 1009, counting UTF-8 bytes", () => {
  const padded = (pad: string) => `{"type":"ping"${pad}}`;
  const over = parseClientFrame(padded(" ".repeat(5000)));
  assert.ok(isRejection(over));
  assert.equal(over.code, CLOSE_CODES.messageTooBig);
  // 2000 three-byte characters: 2000 UTF-16 units but 6000 bytes.
  const wide = parseClientFrame(`{"type":"hello","lastSeq":1,"x":"${"€".repeat(2000)}"}`);
  assert.ok(isRejection(wide));
  assert.equal(wide.code, CLOSE_CODES.messageTooBig);
  const binary = parseClientFrame(new Uint8Array(5000));
  assert.ok(isRejection(binary));
  assert.equal(binary.code, CLOSE_CODES.messageTooBig);
  // Just under the limit, whitespace is fine JSON.
  const under = padded(" ".repeat(4096 - padded("").length));
  assert.equal(new TextEncoder().encode(under).byteLength, 4096);
  assert.deepEqual(parseClientFrame(under), { type: "ping" });
});
