import assert from "node:assert/strict";
import { createTestApp, formPost } from "./_app.ts";

for (const kind of ["postgres", "pglite"] as const) {
  Deno.test(`sign-in sets an HttpOnly SameSite=Lax cookie and shows the projects (${kind})`, async () => {
    const t = await createTestApp({ kind });
    try {
      const res = await t.request(
        "/login",
        formPost(null, {
          email: "ADA@acme.test ",
          password: "beacon-demo",
        }),
      );
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), "/");
      const cookie = res.headers.get("set-cookie") ?? "";
      assert.match(cookie, /^beacon_session=[A-Za-z0-9_-]{43};/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/);
      const home = await t.request("/", { headers: { cookie: cookie.split(";")[0] } });
      assert.equal(home.status, 200);
      const html = await home.text();
      assert.match(html, /Redis Caching Implementation/);
      assert.doesNotMatch(html, /Globex Product Launch/);
      assert.equal(home.headers.get("cache-control"), "private, no-cache");
      assert.equal(home.headers.get("vary"), "Cookie, Accept-Encoding");
    } finally {
      await t.drop();
    }
  });
}

Deno.test("the session id is stored only as a hash", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const cookie = await t.login("grace@acme.test");
    const token = cookie.split("=")[1];
    const rows = await t.db.query<{ id_hash: string }>("SELECT id_hash FROM sessions");
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0].id_hash, token);
    assert.match(rows[0].id_hash, /^[0-9a-f]{64}$/);
  } finally {
    await t.drop();
  }
});

Deno.test("the cookie is Secure behind HTTPS, as a trusted proxy says it", async () => {
  const t = await createTestApp({ kind: "pglite", env: { TRUSTED_PROXIES: "10.0.0.2" } });
  try {
    const signIn = async (peer: string, origin: string) => {
      const init = formPost(null, { email: "ada@acme.test", password: "beacon-demo" }, {
        "x-forwarded-proto": "https",
        origin,
      });
      const env = { remoteAddr: { transport: "tcp", hostname: peer, port: 40000 } };
      const res = await t.app.request("http://localhost/login", init, env);
      await res.body?.cancel();
      return res.headers.get("set-cookie") ?? "";
    };
    // The browser behind the proxy is on https://localhost, and says so in Origin.
    assert.match(await signIn("10.0.0.2", "https://localhost"), /; Secure/);
    assert.doesNotMatch(
      await signIn("203.0.113.9", "http://localhost"),
      /Secure/,
      "anyone else's header is ignored",
    );
  } finally {
    await t.drop();
  }
});

Deno.test("a wrong password re-renders the form with a message and sets no cookie", async () => {
  const t = await createTestApp();
  try {
    const res = await t.request(
      "/login",
      formPost(null, {
        email: "ada@acme.test",
        password: "nope",
      }),
    );
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("set-cookie"), null);
    const html = await res.text();
    assert.match(html, /email or password is not right/);
    assert.match(html, /value="ada@acme.test"/);
  } finally {
    await t.drop();
  }
});

Deno.test("an unknown email fails like a wrong password", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const res = await t.request(
      "/login",
      formPost(null, {
        email: "nobody@acme.test",
        password: "beacon-demo",
      }),
    );
    assert.equal(res.status, 401);
    assert.match(await res.text(), /email or password is not right/);
  } finally {
    await t.drop();
  }
});

Deno.test("a malformed email gives 422 with a message", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const res = await t.request("/login", formPost(null, { email: "not-an-email", password: "x" }));
    assert.equal(res.status, 422);
    assert.match(await res.text(), /valid email/);
  } finally {
    await t.drop();
  }
});

Deno.test("more than 5 failed sign-ins per email in a minute answer 429", async () => {
  const t = await createTestApp();
  try {
    for (let i = 0; i < 5; i++) {
      const res = await t.request(
        "/login",
        formPost(null, {
          email: "grace@acme.test",
          password: `wrong-${i}`,
        }),
      );
      assert.equal(res.status, 401);
      await res.body?.cancel();
    }
    const limited = await t.request(
      "/login",
      formPost(null, {
        email: "grace@acme.test",
        password: "beacon-demo",
      }),
    );
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
    assert.match(await limited.text(), /Too many failed sign-ins/);
    // Another email is not affected.
    await t.login("ada@acme.test");
  } finally {
    await t.drop();
  }
});

Deno.test("logout ends the session: the old cookie no longer signs in", async () => {
  const t = await createTestApp();
  try {
    const cookie = await t.login("ada@acme.test");
    const out = await t.request("/logout", formPost(cookie, {}));
    assert.equal(out.status, 303);
    assert.equal(out.headers.get("location"), "/login");
    assert.match(out.headers.get("set-cookie") ?? "", /beacon_session=;/);
    const after = await t.request("/", { headers: { cookie } });
    assert.equal(after.status, 303);
    assert.match(after.headers.get("location") ?? "", /^\/login/);
    const api = await t.request("/api/context", { headers: { cookie } });
    assert.equal(api.status, 401);
    assert.equal((await api.json()).error, "Sign in to continue");
  } finally {
    await t.drop();
  }
});

Deno.test("an expired session is treated as signed out", async () => {
  const t = await createTestApp();
  try {
    const cookie = await t.login("ada@acme.test");
    await t.db.query("UPDATE sessions SET expires_at = now() - interval '1 second'");
    const res = await t.request("/", { headers: { cookie } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/login?next=%2F");
  } finally {
    await t.drop();
  }
});

Deno.test("sign-in goes back to the page asked for, but never off-site", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    for (const [next, expected] of [["/projects/x", "/projects/x"], ["//evil.test", "/"]]) {
      const res = await t.request(
        "/login",
        formPost(null, {
          email: "ada@acme.test",
          password: "beacon-demo",
          next,
        }),
      );
      assert.equal(res.headers.get("location"), expected);
    }
  } finally {
    await t.drop();
  }
});

Deno.test("a form post from another origin is refused with 403", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const res = await t.request("/login", {
      ...formPost(null, { email: "ada@acme.test", password: "beacon-demo" }),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://evil.test",
      },
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get("set-cookie"), null);
  } finally {
    await t.drop();
  }
});
