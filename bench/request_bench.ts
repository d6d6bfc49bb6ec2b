/**
 * Where the time of a 304 revalidation goes, in process (no network): a bare handler, Hono
 * with one route, Beacon's full middleware chain answering a matching `If-None-Match`, and
 * the same revalidation repeated, answered by the memo in front of the router.
 *
 * Run with `deno bench -A bench/request_bench.ts`.
 *
 * @module
 */
import { Hono } from "hono";
import { createTestApp } from "../tests/_app.ts";

const t = await createTestApp({ kind: "pglite", env: { REDIS_URL: "" } });
const cookie = await t.login("ada@acme.test");
const id = await t.projectId("acme");
const url = `http://localhost/projects/${id}`;
const first = await t.app.request(url, { headers: { cookie } });
const etag = first.headers.get("etag")!;
await first.body?.cancel();
const conditional = new Request(url, { headers: { cookie, "if-none-match": etag } });
const plain = new Request(url, { headers: { cookie, "accept-encoding": "gzip" } });
const handler = t.assembly.deps.revalidations.wrap(t.app.fetch);
await handler(conditional.clone());

const bare = (_req: Request) => new Response(null, { status: 304 });
const hono = new Hono().get("/projects/:id", (c) => c.body(null, 304));

Deno.bench("bare handler: new Response(304)", { group: "304", baseline: true }, () => {
  bare(conditional);
});

Deno.bench("Hono, one route: 304", { group: "304" }, async () => {
  await hono.fetch(conditional.clone());
});

Deno.bench("Beacon: dashboard revalidation → 304", { group: "304" }, async () => {
  const res = await t.app.fetch(conditional.clone());
  if (res.status !== 304) throw new Error(`Expected 304, got ${res.status}`);
});

Deno.bench("Beacon: the same revalidation again, from the memo", { group: "304" }, async () => {
  const res = await handler(conditional.clone());
  if (res.status !== 304) throw new Error(`Expected 304, got ${res.status}`);
});

Deno.bench("Beacon: dashboard 200 from the page cache (gzip)", { group: "200" }, async () => {
  const res = await t.app.fetch(plain.clone());
  await res.arrayBuffer();
});

Deno.bench("Beacon: the same 200 again, from the memo (gzip)", { group: "200" }, async () => {
  const res = await handler(plain.clone());
  if (res.status !== 200) throw new Error(`Expected 200, got ${res.status}`);
  await res.arrayBuffer();
});

globalThis.addEventListener("unload", () => {
  t.drop();
});
