/**
 * Compressed answers as a client sees them: the dashboard in br, gzip or identity by
 * `Accept-Encoding`, the same bytes for every response of a stored page, an ETag per coding
 * and a 304 for each (page, API, batch, the memo in front of the router, HEAD), and JSON
 * compressed only when large.
 */
import assert from "node:assert/strict";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createTestApp, formPost, type TestApp } from "./_app.ts";

interface Raw {
  status: number;
  headers: Headers;
  /** The bytes as sent. */
  bytes: Uint8Array;
  /** The bytes decoded by `Content-Encoding`, as text. */
  text: string;
}

async function fetchRaw(
  t: TestApp,
  path: string,
  cookie: string,
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<Raw> {
  const res = await t.request(path, { ...init, headers: { cookie, ...headers } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const coding = res.headers.get("content-encoding");
  const decoded = coding === "br"
    ? brotliDecompressSync(bytes)
    : coding === "gzip"
    ? gunzipSync(bytes)
    : bytes;
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    text: new TextDecoder().decode(decoded),
  };
}

const CODINGS = [
  ["gzip, deflate, br, zstd", "br"],
  ["gzip, deflate", "gzip"],
  ["br;q=0.5, gzip", "gzip"],
  ["", null],
  ["br;q=0, gzip;q=0", null],
] as const;

Deno.test("the dashboard is compressed once and sent in the coding each request accepts", async (test) => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const cookie = await t.login("ada@acme.test");
    const page = `/projects/${await t.projectId("acme")}`;
    const identity = await fetchRaw(t, page, cookie);
    assert.equal(identity.status, 200);
    assert.equal(identity.headers.get("content-encoding"), null);
    const base = identity.headers.get("etag")!;
    assert.match(base, /^W\/"[A-Za-z0-9_-]{11}"$/);

    for (const [accept, coding] of CODINGS) {
      await test.step(`Accept-Encoding: ${accept || "(empty)"} → ${coding ?? "identity"}`, async () => {
        const first = await fetchRaw(t, page, cookie, { "accept-encoding": accept });
        const second = await fetchRaw(t, page, cookie, { "accept-encoding": accept });
        for (const reply of [first, second]) {
          assert.equal(reply.status, 200);
          assert.equal(reply.headers.get("content-encoding"), coding);
          assert.equal(reply.headers.get("vary"), "Cookie, Accept-Encoding");
          assert.equal(reply.headers.get("content-type"), "text/html; charset=UTF-8");
          assert.equal(reply.text, identity.text, "the same page, decoded");
        }
        assert.deepEqual(second.bytes, first.bytes, "a stored page is the same bytes every time");
        const etag = first.headers.get("etag")!;
        assert.equal(etag, coding ? `${base.slice(0, -1)}-${coding}"` : base);
        if (coding) {
          assert.ok(first.bytes.byteLength * 5 < identity.bytes.byteLength, `${coding} is small`);
        }
        // A 304 for the tag the client holds, with the same Vary, from the app then the memo.
        for (const method of ["GET", "GET", "HEAD", "HEAD"]) {
          const again = await fetchRaw(t, page, cookie, {
            "accept-encoding": accept,
            "if-none-match": etag,
          }, { method });
          assert.equal(again.status, 304, `${method} with ${etag}`);
          assert.equal(again.headers.get("etag"), etag);
          assert.equal(again.headers.get("vary"), "Cookie, Accept-Encoding");
          assert.equal(again.bytes.byteLength, 0);
        }
      });
    }

    await test.step("a tag of a coding the request does not accept is not a match", async () => {
      const br = `${base.slice(0, -1)}-br"`;
      const reply = await fetchRaw(t, page, cookie, {
        "accept-encoding": "gzip",
        "if-none-match": br,
      });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get("etag"), `${base.slice(0, -1)}-gzip"`);
    });

    await test.step("HEAD answers the headers of the 200 without a body", async () => {
      const head = await fetchRaw(t, page, cookie, { "accept-encoding": "br" }, { method: "HEAD" });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get("content-encoding"), "br");
      assert.equal(head.bytes.byteLength, 0);
    });

    await test.step("repeated GETs are answered in front of the router with the same bytes", async () => {
      const memo = t.assembly.deps.revalidations;
      const first = await fetchRaw(t, page, cookie, { "accept-encoding": "gzip" });
      const replayed = memo.replayed;
      const again = await fetchRaw(t, page, cookie, { "accept-encoding": "gzip" });
      assert.equal(memo.replayed - replayed, 1, "answered by the memo");
      assert.deepEqual(again.bytes, first.bytes);
      assert.deepEqual([...again.headers].sort(), [...first.headers].sort());
      const br = await fetchRaw(t, page, cookie, { "accept-encoding": "br" });
      assert.equal(br.headers.get("content-encoding"), "br", "the memo keys by Accept-Encoding");
    });
  } finally {
    await t.drop();
  }
});

Deno.test("a log entry that looks like a placeholder or a nonce is shown verbatim", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const cookie = await t.login("ada@acme.test");
    const projectId = await t.projectId("acme");
    const text = "__beacon_nonce__ and 'nonce-abc123' and nonce=\"x\" and __BEACON_STATE__";
    const write = await t.request(`/projects/${projectId}/log`, formPost(cookie, { text }));
    await write.body?.cancel();
    assert.equal(write.status, 303);
    await t.assembly.bus.catchUp();
    const replies = [];
    for (let i = 0; i < 2; i++) {
      replies.push(
        await fetchRaw(t, `/projects/${projectId}`, cookie, { "accept-encoding": "gzip" }),
      );
    }
    const html = replies[0].text;
    // Preact escapes `"` (and `&<>`) in text; nothing else of it may change.
    assert.ok(html.includes(text.replaceAll('"', "&quot;")), "shown as written");
    assert.ok(!html.includes('nonce="'), "no nonce attribute anywhere");
    assert.deepEqual(replies[1].bytes, replies[0].bytes);
  } finally {
    await t.drop();
  }
});

Deno.test("JSON answers are compressed when large, with a 304 per coding, and the batch too", async (test) => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const cookie = await t.login("ada@acme.test");
    const api = `/api/projects/${await t.projectId("acme")}`;
    const plain = await fetchRaw(t, api, cookie);
    const base = plain.headers.get("etag")!;

    await test.step("a dashboard's JSON is compressed; the 304 carries the coding's tag", async () => {
      for (const [accept, coding] of CODINGS) {
        const reply = await fetchRaw(t, api, cookie, { "accept-encoding": accept });
        assert.equal(reply.headers.get("content-encoding"), coding, accept);
        assert.equal(reply.headers.get("vary"), "Cookie, Accept-Encoding");
        assert.deepEqual(JSON.parse(reply.text), JSON.parse(plain.text));
        const etag = reply.headers.get("etag")!;
        assert.equal(etag, coding ? `${base.slice(0, -1)}-${coding}"` : base);
        for (const method of ["GET", "GET", "HEAD"]) {
          const again = await fetchRaw(t, api, cookie, {
            "accept-encoding": accept,
            "if-none-match": etag,
          }, { method });
          assert.equal(again.status, 304, `${method} ${accept}`);
          assert.equal(again.headers.get("etag"), etag);
          assert.equal(again.headers.get("vary"), "Cookie, Accept-Encoding");
        }
      }
    });

    await test.step("/api/context is below the threshold and sent as it is", async () => {
      const reply = await fetchRaw(t, "/api/context", cookie, { "accept-encoding": "gzip, br" });
      assert.equal(reply.status, 200);
      assert.ok(reply.bytes.byteLength < 1400, `${reply.bytes.byteLength} bytes`);
      assert.equal(reply.headers.get("content-encoding"), null);
      assert.equal(reply.headers.get("vary"), "Cookie, Accept-Encoding");
    });

    await test.step("a batch is compressed when large, and a coded tag it holds matches", async () => {
      const batch = (etag?: string) =>
        fetchRaw(t, "/api/batch", cookie, {
          "accept-encoding": "gzip, br",
          "content-type": "application/json",
          origin: "http://localhost",
        }, {
          method: "POST",
          body: JSON.stringify({ resources: [{ path: api, etag }] }),
        });
      const full = await batch();
      assert.equal(full.status, 200);
      assert.equal(full.headers.get("content-encoding"), "br");
      assert.equal(JSON.parse(full.text).resources[0].status, 200);
      const held = await batch(`${base.slice(0, -1)}-gzip"`);
      assert.equal(held.headers.get("content-encoding"), null, "a small batch is not compressed");
      assert.deepEqual(JSON.parse(held.text).resources[0], { path: api, status: 304, etag: base });
    });
  } finally {
    await t.drop();
  }
});
