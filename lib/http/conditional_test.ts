import assert from "node:assert/strict";
import { Hono } from "hono";
import {
  checkConditional,
  ifNoneMatchHits,
  notModified,
  opaqueTag,
  parseIfNoneMatch,
  weakEtag,
} from "./conditional.ts";

const ETAG = 'W/"v1"';

/** FNV-1a 64 with BigInt over UTF-8 bytes: slow, obviously right. */
function referenceFnv(bytes: Uint8Array): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of bytes) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h;
}

function referenceEtag(parts: (string | number)[]): string {
  const framed = parts.map((p) => {
    const text = String(p);
    return `${typeof p === "number" ? "n" : "s"}${text.length}:${text}`;
  }).join("");
  const hex = referenceFnv(new TextEncoder().encode(framed)).toString(16).padStart(16, "0");
  const bytes = Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
  const b64 = btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
  return `W/"${b64.replace(/=+$/, "")}"`;
}

/** A throwaway app whose page is conditional on ETAG, counting renders. */
function conditionalApp(options: { lastModified?: Date } = {}) {
  const app = new Hono();
  let renders = 0;
  app.on(["GET", "HEAD", "POST"], "/page", (c) => {
    const headers = { "Cache-Status": "Beacon; hit; detail=l1" };
    const cached = checkConditional(c, ETAG, { headers, lastModified: options.lastModified });
    if (cached) return cached;
    renders++;
    return c.html("<p>page</p>", 200, {
      ETag: ETAG,
      "Cache-Control": "private, no-cache",
      Vary: "Cookie",
      ...headers,
    });
  });
  return { app, renders: () => renders };
}

Deno.test("weakEtag() is FNV-1a 64 of the framed parts in base64url", () => {
  for (
    const parts of [
      [],
      ["build-1", "user-1", "owner", 3, 41],
      ["é", "日本", "😀", -0, 1.5],
      ["a,b", 'quote"'],
    ]
  ) {
    assert.equal(weakEtag(parts), referenceEtag(parts.map((p) => Object.is(p, -0) ? 0 : p)));
  }
});

Deno.test("weakEtag() is stable and tells part boundaries and kinds apart", () => {
  assert.equal(weakEtag(["a", 1]), weakEtag(["a", 1]));
  assert.match(weakEtag(["x"]), /^W\/"[A-Za-z0-9_-]{11}"$/);
  assert.notEqual(weakEtag(["a,b"]), weakEtag(["a", "b"]));
  assert.notEqual(weakEtag(["ab", "c"]), weakEtag(["a", "bc"]));
  assert.notEqual(weakEtag([1]), weakEtag(["1"]));
  assert.notEqual(weakEtag(["v", 1]), weakEtag(["v", 2]));
});

Deno.test("weakEtag() refuses numbers that are not finite", () => {
  assert.throws(() => weakEtag([NaN]), RangeError);
  assert.throws(() => weakEtag([Infinity]), /numbers must be finite/);
});

Deno.test("parseIfNoneMatch() reads weak and strong tags, lists and whitespace", () => {
  assert.deepEqual(parseIfNoneMatch('"a"'), { any: false, tags: ["a"] });
  assert.deepEqual(parseIfNoneMatch(' W/"a" ,\t"b",W/"c"  '), {
    any: false,
    tags: ["a", "b", "c"],
  });
  assert.deepEqual(parseIfNoneMatch('"", ,, "x"'), { any: false, tags: ["", "x"] });
});

Deno.test("parseIfNoneMatch() joins repeated fields into one list", () => {
  assert.deepEqual(parseIfNoneMatch(['"a", W/"b"', '"c"']), { any: false, tags: ["a", "b", "c"] });
});

Deno.test("parseIfNoneMatch() reads * as any", () => {
  assert.deepEqual(parseIfNoneMatch("*"), { any: true, tags: [] });
  assert.deepEqual(parseIfNoneMatch(" * "), { any: true, tags: [] });
});

Deno.test("parseIfNoneMatch() keeps commas and obs-text inside quoted tags", () => {
  assert.deepEqual(parseIfNoneMatch('"a,b", W/"c,d,", "\xe9"'), {
    any: false,
    tags: ["a,b", "c,d,", "\xe9"],
  });
  assert.deepEqual(parseIfNoneMatch('W/"x,y,z"'), { any: false, tags: ["x,y,z"] });
});

Deno.test("parseIfNoneMatch() skips malformed members and never throws", () => {
  assert.deepEqual(parseIfNoneMatch('abc, "ok"'), { any: false, tags: ["ok"] });
  assert.deepEqual(parseIfNoneMatch('"a b", "ok"'), { any: false, tags: ["ok"] });
  assert.deepEqual(parseIfNoneMatch('"a"junk, "ok"'), { any: false, tags: ["ok"] });
  assert.deepEqual(parseIfNoneMatch('w/"lower", W/ "gap", "ok"'), { any: false, tags: ["ok"] });
  assert.deepEqual(parseIfNoneMatch('*x, "ok"'), { any: false, tags: ["ok"] });
  for (const junk of ['"unterminated', "W/", '"', "\u0000", ",,,", "", '"a"b"c"', 'W/W/"a"']) {
    assert.equal(parseIfNoneMatch(junk), null, junk);
  }
});

Deno.test("parseIfNoneMatch() answers null when the field is absent", () => {
  assert.equal(parseIfNoneMatch(null), null);
  assert.equal(parseIfNoneMatch(undefined), null);
  assert.equal(parseIfNoneMatch([]), null);
});

Deno.test("opaqueTag() strips W/ and quotes and refuses what is not an entity tag", () => {
  assert.equal(opaqueTag('W/"abc"'), "abc");
  assert.equal(opaqueTag('"a,b"'), "a,b");
  for (const bad of ["abc", '"abc', 'W/"a"b"', 'W/"a b"', ""]) {
    assert.throws(() => opaqueTag(bad), TypeError, bad);
  }
});

Deno.test("ifNoneMatchHits() lets * match only a resource known to exist", () => {
  assert.equal(ifNoneMatchHits("*", 'W/"a"'), true);
  assert.equal(ifNoneMatchHits("*", 'W/"a"', { exists: false }), false);
  assert.equal(ifNoneMatchHits('W/"a"', 'W/"a"', { exists: false }), true);
});

Deno.test('ifNoneMatchHits() compares weakly: W/"a" and "a" match both ways', () => {
  assert.equal(ifNoneMatchHits('W/"a"', '"a"'), true);
  assert.equal(ifNoneMatchHits('"a"', 'W/"a"'), true);
  assert.equal(ifNoneMatchHits('W/"a"', 'W/"a"'), true);
  assert.equal(ifNoneMatchHits('"A"', '"a"'), false);
  assert.equal(ifNoneMatchHits('"b", "c"', '"a"'), false);
});

Deno.test("ifNoneMatchHits() finds the tag anywhere in a list or repeated fields", () => {
  assert.equal(ifNoneMatchHits('"x", W/"y", "a"', 'W/"a"'), true);
  assert.equal(ifNoneMatchHits(['"x"', 'W/"a"'], 'W/"a"'), true);
  assert.equal(ifNoneMatchHits('"a,b"', 'W/"a,b"'), true);
  assert.equal(ifNoneMatchHits('"a,b"', 'W/"a"'), false);
});

Deno.test("ifNoneMatchHits() matches * and never matches an absent or malformed field", () => {
  assert.equal(ifNoneMatchHits("*", 'W/"a"'), true);
  assert.equal(ifNoneMatchHits(null, 'W/"a"'), false);
  assert.equal(ifNoneMatchHits("a", 'W/"a"'), false);
  assert.equal(ifNoneMatchHits('W/"a', 'W/"a"'), false);
});

Deno.test("ifNoneMatchHits() tolerates the -gzip and -br suffixes proxies add", () => {
  assert.equal(ifNoneMatchHits('"a-gzip"', 'W/"a"'), true);
  assert.equal(ifNoneMatchHits('W/"a-br"', 'W/"a"'), true);
  assert.equal(ifNoneMatchHits('"a-deflate"', 'W/"a"'), false);
  assert.equal(ifNoneMatchHits('"a"', 'W/"a-gzip"'), false);
});

Deno.test("checkConditional() answers 304 with no body and the 200's caching headers", async () => {
  const { app, renders } = conditionalApp();
  const full = await app.request("/page");
  assert.equal(full.status, 200);
  const res = await app.request("/page", {
    headers: { "If-None-Match": full.headers.get("etag")! },
  });
  assert.equal(res.status, 304);
  assert.equal(await res.text(), "");
  for (const name of ["ETag", "Cache-Control", "Vary", "Cache-Status"]) {
    assert.equal(res.headers.get(name), full.headers.get(name), name);
  }
  assert.equal(res.headers.get("cache-control"), "private, no-cache");
  assert.equal(res.headers.get("vary"), "Cookie");
  assert.equal(res.headers.get("content-type"), null);
  assert.equal(renders(), 1);
});

Deno.test("checkConditional() matches the strong form of its weak tag (compressed 200s)", async () => {
  const { app } = conditionalApp();
  const res = await app.request("/page", { headers: { "If-None-Match": '"v1"' } });
  assert.equal(res.status, 304);
});

Deno.test("checkConditional() renders the 200 when no tag matches", async () => {
  const { app, renders } = conditionalApp();
  const res = await app.request("/page", { headers: { "If-None-Match": 'W/"v0", "v2"' } });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), "<p>page</p>");
  assert.equal(renders(), 1);
});

Deno.test("checkConditional() answers 304 for * and for a match among repeated fields", async () => {
  const { app } = conditionalApp();
  assert.equal((await app.request("/page", { headers: { "If-None-Match": "*" } })).status, 304);
  const headers = new Headers();
  headers.append("If-None-Match", '"other"');
  headers.append("If-None-Match", 'W/"v1"');
  assert.equal((await app.request("/page", { headers })).status, 304);
});

Deno.test("checkConditional() ignores a malformed If-None-Match without throwing", async () => {
  const { app } = conditionalApp();
  for (const value of ["v1", 'W/"v1', "W/v1", '"v1" junk', '"v 1"']) {
    const res = await app.request("/page", { headers: { "If-None-Match": value } });
    assert.equal(res.status, 200, value);
  }
});

Deno.test("checkConditional() answers HEAD like GET", async () => {
  const { app } = conditionalApp();
  const res = await app.request("/page", { method: "HEAD", headers: { "If-None-Match": ETAG } });
  assert.equal(res.status, 304);
  assert.equal(res.headers.get("etag"), ETAG);
  assert.equal(await res.text(), "");
});

Deno.test("checkConditional() leaves other methods alone", async () => {
  const { app } = conditionalApp();
  const res = await app.request("/page", { method: "POST", headers: { "If-None-Match": ETAG } });
  assert.equal(res.status, 200);
});

Deno.test("checkConditional() ignores If-Modified-Since when If-None-Match is present", async () => {
  const { app } = conditionalApp({ lastModified: new Date("2024-01-01T00:00:00Z") });
  const later = "Tue, 01 Jul 2025 00:00:00 GMT";
  const miss = await app.request("/page", {
    headers: { "If-None-Match": '"stale"', "If-Modified-Since": later },
  });
  assert.equal(miss.status, 200);
  const hit = await app.request("/page", {
    headers: { "If-None-Match": ETAG, "If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT" },
  });
  assert.equal(hit.status, 304);
});

Deno.test("checkConditional() honours If-Modified-Since alone only with a last-modified time", async () => {
  const lastModified = new Date("2024-01-01T00:00:00.900Z");
  const { app } = conditionalApp({ lastModified });
  const ask = (since: string) => app.request("/page", { headers: { "If-Modified-Since": since } });
  assert.equal((await ask("Mon, 01 Jan 2024 00:00:00 GMT")).status, 304);
  assert.equal((await ask("Sun, 31 Dec 2023 23:59:59 GMT")).status, 200);
  assert.equal((await ask("not a date")).status, 200);
  const { app: noDate } = conditionalApp();
  const res = await noDate.request("/page", {
    headers: { "If-Modified-Since": "Tue, 01 Jul 2025 00:00:00 GMT" },
  });
  assert.equal(res.status, 200);
});

Deno.test("notModified() keeps headers already set and lets extra headers override", async () => {
  const app = new Hono();
  app.get("/", (c) => {
    c.header("X-Request-Id", "r1");
    return notModified(c, '"t"', { "Cache-Status": "Beacon; hit", Vary: "Cookie, Accept" });
  });
  const res = await app.request("/");
  assert.equal(res.status, 304);
  assert.equal(res.headers.get("etag"), '"t"');
  assert.equal(res.headers.get("x-request-id"), "r1");
  assert.equal(res.headers.get("vary"), "Cookie, Accept");
  assert.equal(res.headers.get("cache-status"), "Beacon; hit");
  assert.equal(res.body, null);
});
