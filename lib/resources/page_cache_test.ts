import assert from "node:assert/strict";
import { HtmlCache } from "./page_cache.ts";

Deno.test("HtmlCache keeps pages by reader and ETag: a colliding ETag never serves another's page", () => {
  const pages = new HtmlCache({ maxBytes: 1024 * 1024 });
  const etag = 'W/"same-64-bit-hash"';
  const ada = pages.render("ada", etag, "n1", (nonce) => `<p nonce="${nonce}">Ada's</p>`);
  assert.equal(ada, `<p nonce="n1">Ada's</p>`);
  assert.ok(pages.has("ada", etag));
  assert.ok(!pages.has("hank", etag), "another reader has nothing under the same tag");
  const hank = pages.render("hank", etag, "n2", (nonce) => `<p nonce="${nonce}">Hank's</p>`);
  assert.equal(hank, `<p nonce="n2">Hank's</p>`);
  assert.equal(pages.render("ada", etag, "n3", () => "rendered again"), `<p nonce="n3">Ada's</p>`);
  assert.deepEqual([pages.hits, pages.misses], [1, 2]);
});
