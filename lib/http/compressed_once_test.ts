import assert from "node:assert/strict";
import { Hono } from "hono";
import { gunzipSync } from "node:zlib";
import { CompressedOnce } from "./compressed_once.ts";

Deno.test("CompressedOnce compresses a text once for every request that gets it", async () => {
  const shared = new CompressedOnce({ maxTexts: 2 });
  const app = new Hono();
  app.get(
    "/:text/:times",
    (c) =>
      shared.respond(c, c.req.param("text").repeat(Number(c.req.param("times"))), {
        contentType: "application/json",
      }),
  );
  const get = async (text: string, coding: string) => {
    const res = await app.request(`http://x/${text}/3000`, {
      headers: { "accept-encoding": coding },
    });
    return {
      encoding: res.headers.get("content-encoding"),
      bytes: new Uint8Array(await res.arrayBuffer()),
    };
  };
  const first = await get("a", "gzip");
  assert.equal(first.encoding, "gzip");
  assert.equal(new TextDecoder().decode(gunzipSync(first.bytes)), "a".repeat(3000));
  const again = await get("a", "gzip, br;q=0.5");
  assert.deepEqual(again.bytes, first.bytes);
  assert.deepEqual(shared.counts, { compressed: 1, reused: 1 });
  assert.equal((await get("a", "identity")).encoding, null, "identity asked, identity sent");
  assert.equal((await get("b", "br")).encoding, "br");
  await get("c", "gzip");
  await get("a", "gzip");
  assert.equal(shared.counts.compressed, 4, "the oldest text was dropped past maxTexts");
  const small = await app.request("http://x/s/1000", { headers: { "accept-encoding": "gzip" } });
  assert.equal(small.headers.get("content-encoding"), null);
});
