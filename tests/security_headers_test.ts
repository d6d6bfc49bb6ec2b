import assert from "node:assert/strict";
import { createTestApp } from "./_app.ts";

Deno.test("pages carry a nonce CSP and the security headers; a 304 only what RFC 9110 asks", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const cookie = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const page = await t.request(`/projects/${id}`, { headers: { cookie } });
    const html = await page.text();
    const policy = page.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    assert.ok(nonce, "the page's policy has a nonce");
    assert.ok(html.includes(`nonce="${nonce}"`), "the module script carries the same nonce");
    assert.equal(page.headers.get("x-content-type-options"), "nosniff");
    assert.equal(page.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
    const again = await t.request(`/projects/${id}`, { headers: { cookie } });
    const second = /'nonce-([^']+)'/.exec(again.headers.get("content-security-policy") ?? "")?.[1];
    assert.notEqual(second, nonce, "each response gets its own nonce");
    assert.ok(
      (await again.text()).includes(`nonce="${second}"`),
      "a stored page gets the new nonce",
    );
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
