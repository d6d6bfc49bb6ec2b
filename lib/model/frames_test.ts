import assert from "node:assert/strict";
import { encodeServerFrame, parseServerFrame } from "./frames.ts";

Deno.test("server frames encode to the documented JSON and parse back", () => {
  const event = { type: "event", seq: 7, topic: "flags:*", version: 3 } as const;
  assert.equal(encodeServerFrame(event), '{"type":"event","seq":7,"topic":"flags:*","version":3}');
  assert.deepEqual(parseServerFrame(encodeServerFrame(event)), event);
  assert.deepEqual(parseServerFrame('{"type":"ready","lastSeq":9}'), { type: "ready", lastSeq: 9 });
  assert.deepEqual(parseServerFrame('{"type":"resync","lastSeq":0}'), {
    type: "resync",
    lastSeq: 0,
  });
  assert.deepEqual(parseServerFrame('{"type":"pong"}'), { type: "pong" });
});

Deno.test("parseServerFrame() refuses anything that is not exactly a server frame", () => {
  for (
    const data of [
      '{"type":"hello","lastSeq":1}',
      "{",
      "null",
      "[]",
      '"pong"',
      '{"type":"pong","extra":1}',
      '{"type":"ready"}',
      '{"type":"ready","lastSeq":-1}',
      '{"type":"ready","lastSeq":1.5}',
      '{"type":"ready","lastSeq":"1"}',
      '{"type":"event","seq":1,"topic":"","version":1}',
      '{"type":"event","seq":1,"topic":"project:x"}',
      '{"type":"event","seq":1,"topic":7,"version":1}',
      `{"type":"event","seq":${2 ** 60},"topic":"t","version":1}`,
      '{"type":"toString"}',
    ]
  ) {
    assert.equal(parseServerFrame(data), undefined, data);
  }
  assert.equal(parseServerFrame(new Uint8Array([123, 125])), undefined);
  assert.equal(parseServerFrame(undefined), undefined);
});
