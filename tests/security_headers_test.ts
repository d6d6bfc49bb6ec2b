import assert from "node:assert/strict";
import { createTestApp } from "./_app.ts";

Deno.test("pages carry one CSP without a nonce and the security headers; a 304 only what RFC 9110 asks", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const cookie = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const page = await t.request(`/projects/${id}`, { headers: { cookie } });
    const html = await page.text();
    const policy = page.headers.get("content-security-policy") ?? "";
    assert.match(policy, /script-src 'self'$/);
    assert.doesNotMatch(policy, /nonce/);
    // No inline script: the island state is JSON (not executed), the boot module external.
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts.map((s) => /type="([^"]+)"/.exec(s)?.[1]), [
      "application/json",
      "module",
    ]);
    assert.match(scripts[1], /^<script type="module" src="\/_build\/test\/boot\.[A-Za-z.]+\.js">$/);
    assert.equal(page.headers.get("x-content-type-options"), "nosniff");
    assert.equal(page.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
    const again = await t.request(`/projects/${id}`, { headers: { cookie } });
    assert.equal(again.headers.get("content-security-policy"), policy);
    await again.body?.cancel();
    const etag = page.headers.get("etag")!;
    const revalidated = await t.request(`/projects/${id}`, {
      headers: { cookie, "if-none-match": etag },
    });
    assert.equal(revalidated.status, 304);
    // The browser keeps the stored page's headers; the 304 only updates them.
    assert.deepEqual([...revalidated.headers.keys()].sort(), [
      "cache-control",
      "cache-status",
      "etag",
      "vary",
    ]);
  } finally {
    await t.drop();
  }
});
