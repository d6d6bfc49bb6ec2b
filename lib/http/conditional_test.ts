import assert from "node:assert/strict";
import { Hono } from "hono";
import { checkConditional, notModified } from "./conditional.ts";

const ETAG = 'W/"v1"';

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
      Vary: "Cookie, Accept-Encoding",
      ...headers,
    });
  });
  return { app, renders: () => renders };
}

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
  assert.equal(res.headers.get("vary"), "Cookie, Accept-Encoding");
  assert.equal(res.headers.get("content-type"), null);
  assert.equal(renders(), 1);
});

Deno.test("checkConditional() matches the strong form of its weak tag (compressed 200s)", async () => {
  const { app } = conditionalApp();
  const res = await app.request("/page", { headers: { "If-None-Match": '"v1"' } });
  assert.equal(res.status, 304);
});

Deno.test("checkConditional() answers each coding's tag with that tag, if the request accepts the coding", async () => {
  const { app } = conditionalApp();
  const ask = async (inm: string, acceptEncoding?: string) => {
    const headers: Record<string, string> = { "If-None-Match": inm };
    if (acceptEncoding) headers["Accept-Encoding"] = acceptEncoding;
    const res = await app.request("/page", { headers });
    await res.body?.cancel();
    return [res.status, res.headers.get("etag")];
  };
  assert.deepEqual(await ask('W/"v1-br"', "gzip, br"), [304, 'W/"v1-br"']);
  assert.deepEqual(await ask('W/"v1-gzip"', "gzip, br"), [304, 'W/"v1-gzip"']);
  assert.deepEqual(await ask('W/"v1-gzip", W/"v1-br"', "gzip, br"), [304, 'W/"v1-br"']);
  assert.deepEqual(await ask('W/"v1-gzip", W/"v1-br"', "gzip"), [304, 'W/"v1-gzip"']);
  assert.deepEqual(await ask('W/"v1-br"', "gzip"), [200, 'W/"v1"'], "br is not acceptable");
  assert.deepEqual(await ask('W/"v1-br"'), [200, 'W/"v1"'], "no Accept-Encoding: identity only");
  assert.deepEqual(await ask("*", "br"), [304, 'W/"v1-br"'], "* gets the coding a 200 would use");
  assert.deepEqual(await ask('W/"v1-zstd"', "zstd"), [200, 'W/"v1"']);
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
