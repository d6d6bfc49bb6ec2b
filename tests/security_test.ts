/**
 * What a security review asked for, each asserted as the safe behaviour a user or an attacker
 * would see: redirects stay on the origin, signed-in writes say their origin, production
 * defaults are not development ones.
 */
import assert from "node:assert/strict";
import { createTestApp, formPost, send } from "./_app.ts";
import { ConfigError, loadConfig } from "../lib/config.ts";
import { assemble } from "../lib/app/assemble.ts";
import { createApp } from "../lib/server/app.tsx";

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

Deno.test("parallel wrong passwords cannot get a right one checked: attempts are reserved first", async () => {
  const t = await createTestApp();
  try {
    const attempt = (password: string) =>
      t.request("/login", formPost(null, { email: "grace@acme.test", password })).then(
        async (res) => {
          await res.body?.cancel();
          return res.status;
        },
      );
    const statuses = await Promise.all([
      ...Array.from({ length: 29 }, (_, i) => attempt(`wrong-${i}`)),
      attempt("beacon-demo"),
    ]);
    const checked = statuses.filter((status) => status !== 429).length;
    assert.ok(checked <= 5, `${checked} attempts were checked, at most 5 may be`);
    assert.equal(statuses.at(-1), 429, "the right password, sent last, waits like the rest");
  } finally {
    await t.drop();
  }
});

Deno.test("sign-in waits grow, count per client address too, and hold across instances", async () => {
  const a = await createTestApp({ env: { TRUSTED_PROXIES: "10.0.0.2" } });
  try {
    // A second instance on the same database.
    const b = await assemble(a.assembly.deps.config, a.db, { buildId: "test" });
    const appB = createApp(b.deps);
    try {
      const from = (address: string) => ({
        remoteAddr: { transport: "tcp", hostname: "10.0.0.2", port: 40000 },
        forwarded: address,
      });
      const attempt = async (app: typeof appB, email: string, address: string, password = "x") => {
        const { remoteAddr, forwarded } = from(address);
        const init = formPost(null, { email, password }, { "x-forwarded-for": forwarded });
        const res = await app.request("http://localhost/login", init, { remoteAddr });
        await res.body?.cancel();
        return { status: res.status, wait: Number(res.headers.get("retry-after") ?? 0) };
      };
      for (let i = 0; i < 5; i++) {
        const app = i % 2 ? appB : a.app;
        assert.equal((await attempt(app, "linus@acme.test", "198.51.100.7")).status, 401);
      }
      const first = await attempt(appB, "linus@acme.test", "198.51.100.8", "beacon-demo");
      assert.equal(first.status, 429, "five failures on two instances count together");
      assert.ok(first.wait > 0 && first.wait <= 30, `first wait ${first.wait} s`);
      // The wait over, the next failure doubles it.
      await a.db.query(
        "UPDATE login_attempts SET blocked_until = now() WHERE key = 'linus@acme.test'",
      );
      assert.equal((await attempt(a.app, "linus@acme.test", "198.51.100.9")).status, 401);
      const second = await attempt(a.app, "linus@acme.test", "198.51.100.9");
      assert.equal(second.status, 429);
      assert.ok(second.wait > 30 && second.wait <= 60, `second wait ${second.wait} s`);
      // One address guessing many emails waits too, whatever the email.
      for (let i = 0; i < 20; i++) {
        const { status } = await attempt(a.app, `nobody-${i}@example.test`, "203.0.113.66");
        assert.equal(status, 401, `guess ${i}`);
      }
      const spray = await attempt(appB, "ada@acme.test", "203.0.113.66", "beacon-demo");
      assert.equal(spray.status, 429, "the address's count holds for every email");
      const elsewhere = await attempt(appB, "ada@acme.test", "203.0.113.67", "beacon-demo");
      assert.equal(elsewhere.status, 303, "Ada from her own address signs in");
      const [row] = await a.db.query<{ failures: number }>(
        "SELECT failures FROM login_attempts WHERE scope = 'email' AND key = 'linus@acme.test'",
      );
      assert.ok(row.failures >= 6, "many other emails did not wipe the victim's count");
    } finally {
      await b.close();
    }
  } finally {
    await a.drop();
  }
});

Deno.test("a 304 is only for what the reader may read: another tenant's project is a 404", async () => {
  const t = await createTestApp();
  try {
    const hank = await t.login("hank@globex.test");
    const acme = await t.projectId("acme");
    const nowhere = crypto.randomUUID();
    const { loaders, etags, hasher } = t.assembly.deps;
    const token = hank.slice(hank.indexOf("=") + 1);
    const ctx = (await loaders.context(hasher.hash(token)))!;
    assert.equal(ctx.tenant.name, "Globex");
    // The tags Hank would guess: his own variant of the resource, at today's versions.
    const guess = (id: string, representation: "page" | "api") =>
      etags.resource(
        { request: new Request("http://localhost/"), route: "/", ctx },
        loaders.resources.dashboard(ctx.tenant.id, id),
        representation,
      )!;
    for (const id of [acme, nowhere]) {
      for (const held of [guess(id, "page"), "*"]) {
        const page = await send(t, `/projects/${id}`, hank, { "if-none-match": held });
        assert.equal(page.status, 404, `page ${id} with ${held}`);
      }
      for (const held of [guess(id, "api"), "*"]) {
        const api = await send(t, `/api/projects/${id}`, hank, { "if-none-match": held });
        assert.equal(api.status, 404, `api ${id} with ${held}`);
      }
      const batch = await t.request("/api/batch", {
        method: "POST",
        headers: { cookie: hank, origin: "http://localhost", "content-type": "application/json" },
        body: JSON.stringify({
          resources: [{ path: `/api/projects/${id}`, etag: guess(id, "api") }],
        }),
      });
      const [entry] = (await batch.json()).resources;
      assert.equal(entry.status, 404, `batch ${id}`);
    }
  } finally {
    await t.drop();
  }
});
