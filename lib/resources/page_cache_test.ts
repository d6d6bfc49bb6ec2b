import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { HtmlCache } from "./page_cache.ts";

const decode = (bytes: Uint8Array) => new TextDecoder().decode(gunzipSync(bytes));

Deno.test("HtmlCache keeps pages by reader and ETag: a colliding ETag never serves another's page", async () => {
  const pages = new HtmlCache({ maxBytes: 1024 * 1024 });
  const etag = 'W/"same-64-bit-hash"';
  const ada = await pages.store("ada", etag, () => "<p>Ada's</p>");
  assert.equal(decode(ada.gzip), "<p>Ada's</p>");
  assert.ok(pages.has("ada", etag));
  assert.ok(!pages.has("hank", etag), "another reader has nothing under the same tag");
  const hank = await pages.store("hank", etag, () => "<p>Hank's</p>");
  assert.equal(decode(hank.gzip), "<p>Hank's</p>");
  assert.equal(await pages.store("ada", etag, () => "rendered again"), ada);
  assert.deepEqual([pages.hits, pages.misses], [1, 2]);
});

Deno.test("HtmlCache renders a page once for concurrent misses, and keeps the same bytes", async () => {
  const pages = new HtmlCache({ maxBytes: 1024 * 1024 });
  let renders = 0;
  const render = () => `<p>${++renders}</p>`;
  const [a, b] = await Promise.all([
    pages.store("ada", 'W/"x"', render),
    pages.store("ada", 'W/"x"', render),
  ]);
  assert.equal(renders, 1);
  assert.equal(a, b);
  assert.equal(pages.get("ada", 'W/"x"')!.br, a.br, "the stored bytes themselves, not a copy");
});

Deno.test("HtmlCache is bounded by compressed bytes", async () => {
  // 100 kB of repetitive HTML compresses to a few hundred bytes: the bound counts those.
  const html = (n: number) => `<p>row ${n}</p>`.repeat(8_000);
  const probe = await new HtmlCache({ maxBytes: 1 << 20 }).store("ada", 'W/"0"', () => html(0));
  assert.ok(probe.identityBytes > 90_000 && probe.bytes < 2048, `${probe.bytes} bytes`);
  const pages = new HtmlCache({ maxBytes: Math.floor(probe.bytes * 2.5) });
  for (const n of [1, 2, 3]) await pages.store("ada", `W/"${n}"`, () => html(n));
  assert.ok(pages.bytes <= probe.bytes * 2.5, `${pages.bytes} bytes held`);
  assert.ok(!pages.has("ada", 'W/"1"'), "the oldest page made room");
  assert.ok(pages.has("ada", 'W/"3"'));
});
