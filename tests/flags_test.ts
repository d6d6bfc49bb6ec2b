import assert from "node:assert/strict";
import { createTestApp, formPost, send, type TestApp } from "./_app.ts";
import { flagBucket, isOnFor } from "../lib/flags/mod.ts";
import { flagsTopic } from "../lib/model/topics.ts";
import type { InvalidationEvent } from "../lib/live/mod.ts";

Deno.test("flagBucket() gives fixed buckets: FNV-1a of key and user id, mod 100", () => {
  // Checked against an independent FNV-1a (Python) over the UTF-8 bytes of "<key>:<user id>".
  const vectors: [string, string, number][] = [
    ["cache", "9b2e0c1e-4a57-4f0e-9d38-1c4d3f1e2a10", 21], // 0x5a1aff41
    ["cache", "00000000-0000-4000-8000-000000000000", 45],
    ["cache", "ffffffff-ffff-4fff-bfff-ffffffffffff", 27],
    ["live_updates", "00000000-0000-4000-8000-000000000000", 88], // 0x7e6a1cbc
    ["live_updates", "9b2e0c1e-4a57-4f0e-9d38-1c4d3f1e2a10", 32],
    ["request_batching", "ffffffff-ffff-4fff-bfff-ffffffffffff", 53], // 0x9287c131
    ["request_batching", "9b2e0c1e-4a57-4f0e-9d38-1c4d3f1e2a10", 7],
  ];
  for (const [key, user, bucket] of vectors) {
    assert.equal(flagBucket(key, user), bucket, `${key} / ${user}`);
    assert.equal(flagBucket(key, user), bucket, "the same again");
  }
});

/** Deterministic UUID-shaped ids from a seeded PRNG (mulberry32), so the test never flakes. */
function syntheticUsers(count: number, seed = 0x5eed): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, "0");
  };
  return Array.from({ length: count }, () => {
    const h = next() + next() + next() + next();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${
      h.slice(20, 32)
    }`;
  });
}

Deno.test("over 10,000 users the cohort is within 2 points of the rollout percent", () => {
  const users = syntheticUsers(10_000);
  for (const key of ["cache", "live_updates", "request_batching"]) {
    const buckets = users.map((user) => flagBucket(key, user));
    for (const percent of [1, 5, 10, 25, 50, 75, 90, 99]) {
      const share = 100 * buckets.filter((b) => b < percent).length / users.length;
      assert.ok(
        Math.abs(share - percent) <= 2,
        `${key} at ${percent}%: ${share.toFixed(2)}% of users are in the cohort`,
      );
    }
    // Raising the percent only adds users: nobody in the 25% cohort leaves it at 50%.
    const at = (p: number) =>
      users.filter((u) => isOnFor({ enabled: true, rolloutPercent: p }, key, u));
    const quarter = new Set(at(25));
    assert.ok(at(10).every((u) => quarter.has(u)));
    assert.equal(at(0).length, 0);
    assert.equal(at(100).length, users.length);
  }
});

/** POST /admin/flags/:key with the form. */
async function setFlag(
  t: TestApp,
  cookie: string,
  key: string,
  fields: Record<string, string>,
): Promise<Response> {
  const res = await t.request(`/admin/flags/${key}`, {
    ...formPost(cookie, fields),
    redirect: "manual",
  });
  await res.body?.cancel();
  return res;
}

async function tenantId(t: TestApp, slug: string): Promise<string> {
  const [row] = await t.db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [slug]);
  return row.id;
}

async function userId(t: TestApp, email: string): Promise<string> {
  const [row] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
  return row.id;
}

function l2Calls(t: TestApp): number {
  return t.assembly.cache!.counters.snapshot().l2.calls;
}

function tenantCounts(t: TestApp, tenant: string) {
  return t.assembly.cache!.counters.snapshot().tenants[tenant] ?? { hits: 0, misses: 0 };
}

Deno.test("the cache flag turns one tenant's cache off and on, and nobody else's", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const grace = await t.login("grace@acme.test");
    const hank = await t.login("hank@globex.test");
    const acme = await tenantId(t, "acme");
    const globex = await tenantId(t, "globex");
    const acmeProject = await t.projectId("acme");
    const globexProject = await t.projectId("globex");
    const acmePaths = [
      "/",
      `/projects/${acmeProject}`,
      "/api/context",
      `/api/projects/${acmeProject}`,
    ];
    const dashboard = `/projects/${acmeProject}`;

    await test.step("with the cache on, both tenants hit", async () => {
      for (const [cookie, path] of [[ada, dashboard], [hank, `/projects/${globexProject}`]]) {
        await send(t, path, cookie);
        const again = await send(t, path, cookie);
        assert.equal(again.headers.get("cache-status"), "Beacon; hit", path);
        assert.ok(again.headers.get("etag"), path);
      }
    });

    const etagBefore = (await send(t, dashboard, ada)).headers.get("etag")!;
    const hankEtag = (await send(t, `/projects/${globexProject}`, hank)).headers.get("etag")!;

    await test.step("Ada turns the cache off for Acme: the bus carries flags:<acme>", async () => {
      const events: InvalidationEvent[] = [];
      const stop = t.assembly.bus.subscribe((event) => events.push(event));
      try {
        const res = await setFlag(t, ada, "cache", { enabled: "off", rollout_percent: "100" });
        assert.equal(res.status, 303);
        assert.equal(res.headers.get("location"), "/admin/flags#flag-cache");
      } finally {
        stop();
      }
      assert.ok(events.some((e) => e.topic === flagsTopic(acme) && e.tenant === acme));
      assert.ok(!events.some((e) => e.topic === flagsTopic(globex)), "Globex's flags unchanged");
    });

    await test.step("Acme's requests bypass both tiers and make no Redis call", async () => {
      const calls = l2Calls(t);
      const counts = { ...tenantCounts(t, acme) };
      for (const cookie of [ada, grace]) {
        for (const path of acmePaths) {
          const reply = await send(t, path, cookie);
          assert.equal(reply.status, 200, path);
          assert.equal(reply.headers.get("cache-status"), "Beacon; fwd=bypass", path);
          assert.equal(reply.headers.get("etag"), null, `${path}: no ETag without the cache`);
        }
      }
      const context = JSON.parse((await send(t, "/api/context", ada)).body);
      assert.equal(context.flags.cache, false, "/api/context shows the flag");
      assert.equal(l2Calls(t) - calls, 0, "Redis calls for Acme");
      assert.deepEqual(tenantCounts(t, acme), counts, "Acme's cache counters did not move");
      const old = await send(t, dashboard, ada, { "if-none-match": etagBefore });
      assert.equal(old.status, 200, "an old tag is no 304");
    });

    await test.step("Globex still hits, with the same ETag", async () => {
      const before = tenantCounts(t, globex).hits;
      const replayed = t.assembly.deps.revalidations.replayed;
      const reply = await send(t, `/projects/${globexProject}`, hank);
      assert.equal(reply.headers.get("cache-status"), "Beacon; hit");
      assert.equal(reply.headers.get("etag"), hankEtag, "Acme's flag is not in Globex's tags");
      // From the cache, or the stored page again in front of the router (no lookup then).
      assert.ok(
        tenantCounts(t, globex).hits > before ||
          t.assembly.deps.revalidations.replayed > replayed,
      );
    });

    await test.step("the change is written to the log with who", async () => {
      const rows = await t.db.query<{ project_id: string; author: string; text: string }>(
        `SELECT project_id, author, text FROM log_entries WHERE tenant_id = $1
         AND text LIKE 'Flag cache%' ORDER BY at`,
        [acme],
      );
      const projects = await t.db.query("SELECT id FROM projects WHERE tenant_id = $1", [acme]);
      assert.equal(rows.length, projects.length, "one entry per Acme project");
      assert.equal(rows[0].text, "Flag cache set to off (rollout 100%) by Ada Lovelace");
      assert.equal(rows[0].author, "Ada Lovelace");
      const page = await send(t, dashboard, ada);
      assert.ok(page.body.includes("Flag cache set to off (rollout 100%) by Ada Lovelace"));
      const globexRows = await t.db.query(
        "SELECT 1 FROM log_entries WHERE tenant_id = $1 AND text LIKE 'Flag %'",
        [globex],
      );
      assert.equal(globexRows.length, 0);
    });

    await test.step("back on, Acme hits again under a new ETag", async () => {
      const res = await setFlag(t, ada, "cache", { enabled: "on", rollout_percent: "100" });
      assert.equal(res.status, 303);
      const first = await send(t, dashboard, ada);
      const etag = first.headers.get("etag");
      assert.ok(etag);
      assert.notEqual(etag, etagBefore);
      const hits = tenantCounts(t, acme).hits;
      const again = await send(t, dashboard, grace);
      assert.equal(again.headers.get("cache-status"), "Beacon; hit");
      assert.ok(tenantCounts(t, acme).hits > hits);
      const revalidated = await send(t, dashboard, ada, { "if-none-match": etag });
      assert.equal(revalidated.status, 304);
    });

    await test.step("any flag change changes Acme's dashboard ETag, not Globex's", async () => {
      const before = (await send(t, dashboard, ada)).headers.get("etag")!;
      const res = await setFlag(t, ada, "live_updates", { enabled: "on", rollout_percent: "40" });
      assert.equal(res.status, 303);
      const after = await send(t, dashboard, ada, { "if-none-match": before });
      assert.equal(after.status, 200);
      assert.notEqual(after.headers.get("etag"), before);
      const globexReply = await send(t, `/projects/${globexProject}`, hank, {
        "if-none-match": hankEtag,
      });
      assert.equal(globexReply.status, 304);
    });

    await test.step("a flag changed outside the app reaches the flag table", async () => {
      await t.db.query(
        "UPDATE feature_flags SET enabled = false WHERE tenant_id = $1 AND key = 'cache'",
        [
          acme,
        ],
      );
      await t.assembly.bus.catchUp();
      const deadline = Date.now() + 5000;
      while (t.assembly.deps.loaders.cachedFor(acme) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(t.assembly.deps.loaders.cachedFor(acme), false);
      assert.equal(t.assembly.deps.loaders.cachedFor(globex), true);
    });

    await test.step("reset to default deletes the override", async () => {
      const res = await t.request("/admin/flags/cache/reset", {
        ...formPost(ada, {}),
        redirect: "manual",
      });
      await res.body?.cancel();
      assert.equal(res.status, 303);
      const rows = await t.db.query(
        "SELECT 1 FROM feature_flags WHERE tenant_id = $1 AND key = 'cache'",
        [acme],
      );
      assert.equal(rows.length, 0);
      assert.equal(t.assembly.deps.loaders.cachedFor(acme), true);
      const [entry] = await t.db.query<{ text: string }>(
        "SELECT text FROM log_entries WHERE tenant_id = $1 ORDER BY at DESC LIMIT 1",
        [acme],
      );
      assert.equal(
        entry.text,
        "Flag cache reset to the default, on (rollout 100%), by Ada Lovelace",
      );
    });
  } finally {
    await t.drop();
  }
});

Deno.test("the cache flag's rollout percent is a canary: only the cohort uses the cache", async () => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const acmeProject = await t.projectId("acme");
    const path = `/projects/${acmeProject}`;
    // User ids are random per database: take the lowest and the highest bucket of three users.
    const users = [];
    for (const email of ["ada@acme.test", "grace@acme.test", "linus@acme.test"]) {
      const bucket = flagBucket("cache", await userId(t, email));
      users.push({ email, bucket, cookie: email === "ada@acme.test" ? ada : await t.login(email) });
    }
    users.sort((a, b) => a.bucket - b.bucket);
    const [low, high] = [users[0], users[users.length - 1]];
    assert.ok(low.bucket < high.bucket, "the demo users fall in different buckets");
    const [inside, outside] = [low.cookie, high.cookie];
    const percent = high.bucket; // admits the lowest bucket, not the highest
    const res = await setFlag(t, ada, "cache", { enabled: "on", rollout_percent: String(percent) });
    assert.equal(res.status, 303);

    await send(t, path, inside);
    const hit = await send(t, path, inside);
    assert.equal(hit.headers.get("cache-status"), "Beacon; hit", "the cohort uses the cache");

    const calls = l2Calls(t);
    const bypass = await send(t, path, outside);
    assert.equal(bypass.headers.get("cache-status"), "Beacon; fwd=bypass");
    assert.equal(l2Calls(t) - calls, 0, "no Redis call outside the cohort");
  } finally {
    await t.drop();
  }
});

Deno.test("/admin/flags is for owners and admins of the session's tenant only", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const grace = await t.login("grace@acme.test");
    const linus = await t.login("linus@acme.test");
    const hank = await t.login("hank@globex.test");
    const acme = await tenantId(t, "acme");
    const globex = await tenantId(t, "globex");
    const overrides = (tenant: string) =>
      t.db.query<{ key: string; enabled: boolean; rollout_percent: number }>(
        "SELECT key, enabled, rollout_percent FROM feature_flags WHERE tenant_id = $1 ORDER BY key",
        [tenant],
      ).then((rows) => rows.map((row) => ({ ...row })));

    await test.step("owners see every flag; the top bar links to it", async () => {
      const page = await send(t, "/admin/flags", ada);
      assert.equal(page.status, 200);
      for (const key of ["cache", "live_updates", "request_batching"]) {
        assert.ok(page.body.includes(`data-flag="${key}"`), key);
      }
      assert.ok(page.body.includes("Serve pages and API responses through the cache"));
      assert.ok((await send(t, "/", ada)).body.includes('href="/admin/flags"'));
      assert.ok(!(await send(t, "/", grace)).body.includes('href="/admin/flags"'));
    });

    await test.step("members and viewers get 403 and change nothing", async () => {
      for (const cookie of [grace, linus]) {
        assert.equal((await send(t, "/admin/flags", cookie)).status, 403);
        const res = await setFlag(t, cookie, "cache", { enabled: "off", rollout_percent: "0" });
        assert.equal(res.status, 403);
        const reset = await t.request("/admin/flags/cache/reset", formPost(cookie, {}));
        await reset.body?.cancel();
        assert.equal(reset.status, 403);
      }
      assert.deepEqual(await overrides(acme), []);
    });

    await test.step("a visitor is sent to sign in", async () => {
      const res = await t.request("/admin/flags", { redirect: "manual" });
      await res.body?.cancel();
      assert.equal(res.status, 303);
      assert.match(res.headers.get("location") ?? "", /^\/login/);
    });

    await test.step("bad input is 422 with messages; an unknown flag 404", async () => {
      const cases: [Record<string, string>, string][] = [
        [{ enabled: "on", rollout_percent: "150" }, "Enter a whole number from 0 to 100"],
        [{ enabled: "on", rollout_percent: "-1" }, "Enter a whole number from 0 to 100"],
        [{ enabled: "on", rollout_percent: "" }, "Enter a whole number from 0 to 100"],
        [{ enabled: "maybe", rollout_percent: "50" }, "Choose on or off"],
        [{ rollout_percent: "50" }, "Choose on or off"],
      ];
      for (const [fields, message] of cases) {
        const res = await t.request("/admin/flags/cache", formPost(ada, fields));
        assert.equal(res.status, 422, JSON.stringify(fields));
        assert.ok((await res.text()).includes(message), message);
      }
      for (const key of ["nope", "Bad-Key", "cache;drop"]) {
        const res = await setFlag(t, ada, encodeURIComponent(key), {
          enabled: "on",
          rollout_percent: "50",
        });
        assert.equal(res.status, 404, key);
      }
      assert.deepEqual(await overrides(acme), []);
    });

    await test.step("Ada's override is Acme's alone", async () => {
      const res = await setFlag(t, ada, "request_batching", {
        enabled: "on",
        rollout_percent: "37",
      });
      assert.equal(res.status, 303);
      assert.deepEqual(await overrides(acme), [
        { key: "request_batching", enabled: true, rollout_percent: 37 },
      ]);
      const mine = await send(t, "/admin/flags", ada);
      assert.ok(mine.body.includes("On · 37%"));
      const his = await send(t, "/admin/flags", hank);
      assert.equal(his.status, 200);
      assert.ok(!his.body.includes("37%"), "Hank never sees Acme's override");
    });

    await test.step("Hank's changes and resets touch Globex only", async () => {
      const before = await overrides(acme);
      const res = await setFlag(t, hank, "cache", { enabled: "off", rollout_percent: "100" });
      assert.equal(res.status, 303);
      const reset = await t.request("/admin/flags/request_batching/reset", {
        ...formPost(hank, {}),
        redirect: "manual",
      });
      await reset.body?.cancel();
      assert.equal(reset.status, 303);
      assert.deepEqual(await overrides(acme), before, "Acme's overrides unchanged");
      assert.deepEqual(await overrides(globex), [{
        key: "cache",
        enabled: false,
        rollout_percent: 100,
      }]);
      assert.equal(t.assembly.deps.loaders.cachedFor(acme), true);
      assert.equal(t.assembly.deps.loaders.cachedFor(globex), false);
    });
  } finally {
    await t.drop();
  }
});
