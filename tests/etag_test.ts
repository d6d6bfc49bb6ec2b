/**
 * ETag-aware routes, as a client sees them: `GET /`, `GET /projects/:id`, `GET /api/context`
 * and `GET /api/projects/:id` answer revalidations (RFC 9110 §13) with `304 Not Modified`
 * before any database or Redis call, only ever for the user who holds the tag, and change
 * their tag the moment a write lands — through the app or straight in SQL.
 *
 * Each test builds one app (one database) and runs its cases as steps, so the file stays fast.
 */
import assert from "node:assert/strict";
import {
  createTestApp,
  etagOf,
  formPost,
  type Reply,
  send,
  type TestApp,
  todoTask,
} from "./_app.ts";

/** The four ETag-aware resources of a project. */
function resources(projectId: string): string[] {
  return ["/", `/projects/${projectId}`, "/api/context", `/api/projects/${projectId}`];
}

/** A path as a step's name: the project's id as `:id`. */
function label(path: string): string {
  return path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ":id");
}

function assertPrivate(reply: Reply, what: string): void {
  assert.equal(reply.headers.get("cache-control"), "private, no-cache", `${what}: Cache-Control`);
  assert.equal(reply.headers.get("vary"), "Cookie, Accept-Encoding", `${what}: Vary`);
}

/** The status the dashboard's JSON gives a task. */
async function taskStatusFromApi(
  t: TestApp,
  cookie: string,
  projectId: string,
  taskId: string,
): Promise<string> {
  const reply = await send(t, `/api/projects/${projectId}`, cookie);
  assert.equal(reply.status, 200);
  const dashboard = JSON.parse(reply.body) as {
    phases: { tasks: { id: string; status: string }[] }[];
  };
  const task = dashboard.phases.flatMap((phase) => phase.tasks).find((task) => task.id === taskId);
  assert.ok(task, "the dashboard's JSON lists the task");
  return task.status;
}

/**
 * The RFC 9110 cases every ETag-aware resource must pass, on an app whose data nobody writes
 * meanwhile.
 */
async function rfcCases(test: Deno.TestContext, t: TestApp): Promise<void> {
  const cookie = await t.login("ada@acme.test");
  await t.assembly.bus.catchUp();
  const projectId = await t.projectId("acme");
  for (const path of resources(projectId)) {
    await test.step(`${label(path)}: the 200 and its 304 carry the same caching headers`, async () => {
      const first = await send(t, path, cookie);
      assert.equal(first.status, 200);
      assert.ok(first.body.length > 0);
      const etag = first.headers.get("etag");
      assert.match(etag ?? "", /^W\/"[^"]+"$/, "a weak ETag");
      assertPrivate(first, "200");
      assert.match(first.headers.get("cache-status") ?? "", /^Beacon; (fwd=miss; stored|hit)$/);
      const again = await send(t, path, cookie);
      assert.equal(again.status, 200, "without If-None-Match the page is sent again");
      assert.equal(again.headers.get("etag"), etag, "the same data has the same ETag");
      assert.equal(again.headers.get("cache-status"), "Beacon; hit");

      const revalidated = await send(t, path, cookie, { "if-none-match": etag! });
      assert.equal(revalidated.status, 304);
      assert.equal(revalidated.body, "", "a 304 has no body");
      assert.equal(revalidated.headers.get("etag"), etag, "the 304 carries the same ETag");
      assertPrivate(revalidated, "304");
      assert.equal(revalidated.headers.get("cache-status"), "Beacon; hit");
      assert.equal(revalidated.headers.get("content-security-policy"), null);
    });

    await test.step(`${label(path)}: If-None-Match follows RFC 9110 §13.1.2`, async () => {
      const etag = await etagOf(t, path, cookie);
      const strong = etag.slice(2);
      const notModified = [
        ["weak comparison: the tag without W/", strong],
        ["a list", `"a", W/"b", ${etag}`],
        ["a list without spaces", `"a",${strong}`],
        ["*", "*"],
      ];
      for (const [what, value] of notModified) {
        const reply = await send(t, path, cookie, { "if-none-match": value });
        assert.equal(reply.status, 304, `${what} → 304`);
        assert.equal(reply.headers.get("etag"), etag);
      }
      const repeated = new Headers();
      repeated.append("if-none-match", '"a", W/"b"');
      repeated.append("if-none-match", etag);
      const reply = await send(t, path, cookie, repeated);
      assert.equal(reply.status, 304, "repeated If-None-Match fields form one list");

      const changed = [
        ["another tag", 'W/"not-the-tag"'],
        ["garbage", "garbage"],
        ["W/ alone", "W/"],
        ["an unterminated tag", '"unterminated'],
        ["the tag unterminated", etag.slice(0, -1)],
        ["a list of other tags", '"a", W/"b"'],
      ];
      for (const [what, value] of changed) {
        const reply = await send(t, path, cookie, { "if-none-match": value });
        assert.equal(reply.status, 200, `${what} → 200`);
        assert.equal(reply.headers.get("etag"), etag);
        assert.ok(reply.body.length > 0);
      }
    });

    await test.step(`${label(path)}: If-Modified-Since is ignored beside If-None-Match`, async () => {
      const etag = await etagOf(t, path, cookie);
      const future = new Date(Date.now() + 86_400_000).toUTCString();
      const other = await send(t, path, cookie, {
        "if-none-match": 'W/"not-the-tag"',
        "if-modified-since": future,
      });
      assert.equal(other.status, 200, "a non-matching If-None-Match wins over If-Modified-Since");
      const same = await send(t, path, cookie, {
        "if-none-match": etag,
        "if-modified-since": new Date(0).toUTCString(),
      });
      assert.equal(same.status, 304, "a matching If-None-Match wins over an old date");
    });

    await test.step(`${label(path)}: HEAD with the tag is 304`, async () => {
      const etag = await etagOf(t, path, cookie);
      const reply = await send(t, path, cookie, { "if-none-match": etag }, "HEAD");
      assert.equal(reply.status, 304);
      assert.equal(reply.headers.get("etag"), etag);
      assert.equal(reply.body, "");
    });
  }

  await test.step("a revalidation makes no database query and no Redis call", async () => {
    const tags = new Map<string, string>();
    for (const path of resources(projectId)) tags.set(path, await etagOf(t, path, cookie));
    const cache = t.assembly.cache;
    assert.ok(cache, "the cache is on");
    const queries = t.db.queryCount;
    const redisCalls = cache.counters.snapshot().l2.calls;
    for (let round = 0; round < 5; round++) {
      for (const [path, etag] of tags) {
        const reply = await send(t, path, cookie, { "if-none-match": etag });
        assert.equal(reply.status, 304, `${path} round ${round}`);
        // And through the router, as when the memo holds nothing for this session and path.
        const routed = await t.app.request(`http://localhost${path}`, {
          headers: { cookie, "if-none-match": etag },
        });
        assert.equal(routed.status, 304, `${path} round ${round}, routed`);
      }
    }
    assert.equal(t.db.queryCount - queries, 0, "database queries during 40 revalidations");
    assert.equal(
      cache.counters.snapshot().l2.calls - redisCalls,
      0,
      "Redis calls during 40 revalidations",
    );
  });
}

for (const kind of ["postgres", "pglite"] as const) {
  Deno.test(`revalidations follow RFC 9110 and skip the database (${kind})`, async (test) => {
    const t = await createTestApp({ kind });
    try {
      await rfcCases(test, t);
    } finally {
      await t.drop();
    }
  });
}

Deno.test("a tag only ever revalidates for the user it was given to", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const grace = await t.login("grace@acme.test");
    const linus = await t.login("linus@acme.test");
    const hank = await t.login("hank@globex.test");
    const acme = await t.projectId("acme");
    const globex = await t.projectId("globex");
    await t.assembly.bus.catchUp();

    await test.step("the first load is a miss that is stored, the next a hit", async () => {
      // Ada is the first to ask for Acme's list and dashboard in this app.
      for (const path of ["/", `/projects/${acme}`]) {
        const first = await send(t, path, ada);
        assert.equal(first.headers.get("cache-status"), "Beacon; fwd=miss; stored", path);
        const second = await send(t, path, ada);
        assert.equal(second.headers.get("cache-status"), "Beacon; hit", path);
      }
      // Signing in filled Linus's context (a warm, not a miss): his first request hits.
      const first = await send(t, "/api/context", linus);
      assert.equal(first.headers.get("cache-status"), "Beacon; hit");
      const warms = t.assembly.cache!.counters.snapshot().warms;
      const again = await t.login("linus@acme.test");
      assert.equal(t.assembly.cache!.counters.snapshot().warms, warms, "held already: no load");
      const warm = await send(t, "/api/context", again);
      assert.equal(warm.headers.get("cache-status"), "Beacon; hit");
      // The page and its JSON share one cached dashboard: Grace's first JSON is a hit.
      const json = await send(t, `/api/projects/${acme}`, grace);
      assert.equal(json.headers.get("cache-status"), "Beacon; hit");
    });

    for (const path of resources(acme)) {
      await test.step(`${label(path)}: another member's or a viewer's cookie never gets a 304`, async () => {
        const adaTag = await etagOf(t, path, ada);
        for (const [who, cookie] of [["grace", grace], ["linus", linus]]) {
          const reply = await send(t, path, cookie, { "if-none-match": adaTag });
          assert.equal(reply.status, 200, `${who} with Ada's tag`);
          assert.notEqual(reply.headers.get("etag"), adaTag, `${who} has a tag of their own`);
          assert.ok(reply.body.length > 0);
        }
      });

      await test.step(`${label(path)}: without a session the tag is worth nothing`, async () => {
        const adaTag = await etagOf(t, path, ada);
        for (const inm of [adaTag, "*"]) {
          const reply = await send(t, path, null, { "if-none-match": inm });
          if (path.startsWith("/api/")) {
            assert.equal(reply.status, 401);
            assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
            assert.equal(JSON.parse(reply.body).status, 401);
          } else {
            assert.equal(reply.status, 303);
            assert.match(reply.headers.get("location") ?? "", /^\/login\?next=/);
          }
          assert.equal(reply.headers.get("etag"), null);
        }
        const forged = await send(t, path, "beacon_session=forged", { "if-none-match": adaTag });
        assert.notEqual(forged.status, 304, "a forged session cookie");
      });
    }

    await test.step("another tenant's owner with Ada's tag gets 404 for Acme's project", async () => {
      for (const path of [`/projects/${acme}`, `/api/projects/${acme}`]) {
        const adaTag = await etagOf(t, path, ada);
        const reply = await send(t, path, hank, { "if-none-match": adaTag });
        assert.equal(reply.status, 404, path);
        assert.equal(reply.headers.get("etag"), null);
        assert.ok(!reply.body.includes("Redis Caching Implementation"), "nothing of Acme leaks");
      }
      const list = await send(t, "/", hank, { "if-none-match": await etagOf(t, "/", ada) });
      assert.equal(list.status, 200, "Hank gets Globex's list, not a 304 for Acme's");
      assert.ok(!list.body.includes("Redis Caching Implementation"));
      assert.equal((await send(t, `/projects/${globex}`, hank)).status, 200);
    });
  } finally {
    await t.drop();
  }
});

/** The Acme users who watch a project, and Hank, who must see nothing of it. */
interface Watchers {
  acme: string;
  users: Record<string, string>;
  hank: string;
}

/** Every Acme user's tag for every resource, and Hank's for his own list. */
async function tagsOf(t: TestApp, watchers: Watchers): Promise<Map<string, string>> {
  const tags = new Map<string, string>();
  for (const [who, cookie] of Object.entries(watchers.users)) {
    for (const path of resources(watchers.acme)) {
      tags.set(`${who} ${path}`, await etagOf(t, path, cookie));
    }
  }
  tags.set("hank /", await etagOf(t, "/", watchers.hank));
  return tags;
}

/**
 * After a task changed: the list, dashboard and dashboard JSON have new tags for every Acme
 * user, and every old tag now gets the fresh 200; the context and Hank's list keep theirs.
 */
async function assertWriteSeen(
  t: TestApp,
  watchers: Watchers,
  before: Map<string, string>,
): Promise<void> {
  const { acme, users } = watchers;
  const changing = ["/", `/projects/${acme}`, `/api/projects/${acme}`];
  const after = await tagsOf(t, watchers);
  for (const [what, tag] of before) {
    const path = what.split(" ")[1];
    const changed = !what.startsWith("hank") && changing.includes(path);
    if (changed) assert.notEqual(after.get(what), tag, `${what}: a new tag`);
    else assert.equal(after.get(what), tag, `${what}: the same tag`);
  }
  for (const [who, cookie] of Object.entries(users)) {
    for (const path of changing) {
      const stale = before.get(`${who} ${path}`)!;
      const reply = await send(t, path, cookie, { "if-none-match": stale });
      assert.equal(reply.status, 200, `${who} ${label(path)} with the old tag`);
    }
  }
}

Deno.test("a write changes the tag of everyone who sees it, and only theirs", async (test) => {
  const t = await createTestApp();
  try {
    const users = {
      ada: await t.login("ada@acme.test"),
      grace: await t.login("grace@acme.test"),
      linus: await t.login("linus@acme.test"),
    };
    const hank = await t.login("hank@globex.test");
    const acme = await t.projectId("acme");
    const task = await todoTask(t, acme);
    await t.assembly.bus.catchUp();
    const watchers: Watchers = { acme, users, hank };

    await test.step("Grace changes a task with the form; everyone in Acme sees it", async () => {
      const before = await tagsOf(t, watchers);
      const res = await t.request(
        `/projects/${acme}/tasks/${task.id}`,
        formPost(users.grace, { status: "doing" }),
      );
      await res.body?.cancel();
      assert.equal(res.status, 303);
      await assertWriteSeen(t, watchers, before);
      for (const [who, cookie] of Object.entries(users)) {
        const page = await send(t, `/projects/${acme}`, cookie, {
          "if-none-match": before.get(`${who} /projects/${acme}`)!,
        });
        assert.ok(
          page.body.includes(`data-task-id="${task.id}" data-status="doing"`),
          `${who}'s dashboard shows the task in progress`,
        );
        assert.equal(await taskStatusFromApi(t, cookie, acme, task.id), "doing");
      }
    });

    await test.step("a write in raw SQL changes the tags as well", async () => {
      const before = await tagsOf(t, watchers);
      await t.db.query("UPDATE tasks SET status = 'done' WHERE id = $1", [task.id]);
      await t.assembly.bus.catchUp();
      await assertWriteSeen(t, watchers, before);
      const page = await send(t, `/projects/${acme}`, users.linus);
      assert.ok(page.body.includes(`data-task-id="${task.id}" data-status="done"`));
      assert.equal(await taskStatusFromApi(t, users.ada, acme, task.id), "done");
    });
  } finally {
    await t.drop();
  }
});

Deno.test("with CACHE=off there is no ETag and never a 304", async (test) => {
  const t = await createTestApp({ kind: "pglite", env: { CACHE: "off" } });
  try {
    const cookie = await t.login("ada@acme.test");
    const acme = await t.projectId("acme");
    for (const path of resources(acme)) {
      await test.step(label(path), async () => {
        const first = await send(t, path, cookie);
        assert.equal(first.status, 200);
        assert.equal(first.headers.get("etag"), null);
        assertPrivate(first, "200");
        assert.equal(first.headers.get("cache-status"), "Beacon; fwd=bypass");
        for (const inm of ["*", 'W/"anything"']) {
          const reply = await send(t, path, cookie, { "if-none-match": inm });
          assert.equal(reply.status, 200, `If-None-Match: ${inm}`);
          assert.equal(reply.headers.get("cache-status"), "Beacon; fwd=bypass");
          assert.ok(reply.body.length > 0);
        }
      });
    }
  } finally {
    await t.drop();
  }
});

Deno.test("If-None-Match: * is no 304 for a project that is not the tenant's", async () => {
  // RFC 9110 §13.1.2: `*` matches only a representation that exists, and another tenant's
  // project does not exist for Hank (invariant 3: it is a 404).
  const t = await createTestApp({ kind: "pglite" });
  try {
    const hank = await t.login("hank@globex.test");
    const acme = await t.projectId("acme");
    const missing = crypto.randomUUID();
    for (const id of [acme, missing]) {
      for (const path of [`/projects/${id}`, `/api/projects/${id}`]) {
        const reply = await send(t, path, hank, { "if-none-match": "*" });
        assert.equal(reply.status, 404, `${label(path)} (${id === acme ? "Acme's" : "missing"})`);
      }
    }
    const res = await t.request("/api/batch", {
      method: "POST",
      headers: { cookie: hank, origin: "http://localhost", "content-type": "application/json" },
      body: JSON.stringify({ resources: [{ path: `/api/projects/${acme}`, etag: "*" }] }),
    });
    const { resources: [entry] } = await res.json();
    assert.equal(entry.status, 404, "a batch entry for Acme's project with etag *");
  } finally {
    await t.drop();
  }
});
