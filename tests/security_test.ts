/**
 * What a security review asked for, each asserted as the safe behaviour a user or an attacker
 * would see: redirects stay on the origin, signed-in writes say their origin, production
 * defaults are not development ones.
 */
import assert from "node:assert/strict";
import { createTestApp, formPost, send } from "./_app.ts";
import { ConfigError, loadConfig } from "../lib/config.ts";

Deno.test("sign-in's next= only ever leads to a path of this origin", async (test) => {
  const t = await createTestApp();
  try {
    const signIn = async (next: string) => {
      const res = await t.request(
        "/login",
        formPost(null, { email: "ada@acme.test", password: "beacon-demo", next }),
      );
      await res.body?.cancel();
      assert.equal(res.status, 303, next);
      return res.headers.get("location");
    };
    await test.step("a local path is kept", async () => {
      assert.equal(await signIn("/projects?tab=log#top"), "/projects?tab=log#top");
    });
    await test.step("anything that could leave the origin goes home", async () => {
      for (
        const next of [
          "/\t/evil.example",
          "//evil.example",
          "/\\evil.example",
          "https://evil.example/",
          "javascript:alert(1)",
          "/\r\nSet-Cookie: x=1",
          "/a\u0000b",
          "evil.example",
        ]
      ) {
        assert.equal(await signIn(next), "/", JSON.stringify(next));
      }
    });
  } finally {
    await t.drop();
  }
});

Deno.test("a signed-in POST with neither Origin nor Sec-Fetch-Site is refused", async () => {
  const t = await createTestApp();
  try {
    const cookie = await t.login("grace@acme.test");
    const id = await t.projectId("acme");
    const bare = {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ text: "from nowhere" }),
    };
    const refused = await t.request(`/projects/${id}/log`, bare);
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /origin/i);
    const [{ n }] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM log_entries WHERE text = 'from nowhere'",
    );
    assert.equal(n, 0, "nothing was written");
    const withSite = await t.request(`/projects/${id}/log`, {
      ...bare,
      headers: { ...bare.headers, "sec-fetch-site": "same-origin" },
    });
    assert.equal(withSite.status, 303, "Sec-Fetch-Site: same-origin is a browser's own page");
    const withOrigin = await t.request(`/projects/${id}/log`, formPost(cookie, { text: "ok" }));
    assert.equal(withOrigin.status, 303);
    const anonymous = await t.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "ada@acme.test", password: "beacon-demo" }),
    });
    await anonymous.body?.cancel();
    assert.equal(anonymous.status, 303, "a request without a session may omit Origin");
  } finally {
    await t.drop();
  }
});

Deno.test("SESSION_SECRET is required with a server database", () => {
  assert.throws(
    () => loadConfig({ DATABASE_URL: "postgres://db.example/beacon" }),
    (error: unknown) =>
      error instanceof ConfigError && /^Invalid SESSION_SECRET: required with DATABASE_URL/
        .test(error.message),
  );
  const config = loadConfig({
    DATABASE_URL: "postgres://db.example/beacon",
    SESSION_SECRET: "0123456789abcdef0123",
  });
  assert.equal(config.sessionSecret, "0123456789abcdef0123");
  assert.equal(loadConfig({}).sessionSecret, undefined, "embedded: kept in DATA_DIR");
});

Deno.test("the sign-in page lists the demo accounts only when they exist", async () => {
  const seeded = await createTestApp();
  const empty = await createTestApp({ seed: false });
  try {
    const listed = await send(seeded, "/login", null);
    assert.match(listed.body, /ada@acme\.test/);
    const bare = await send(empty, "/login", null);
    assert.equal(bare.status, 200);
    assert.doesNotMatch(bare.body, /acme\.test|beacon-demo/);
  } finally {
    await seeded.drop();
    await empty.drop();
  }
});
