/**
 * The people of a tenant: an owner adds a person by email with a role and hands them a
 * one-time sign-in link (there is no mail server); the person sets a password through it and
 * is signed in. Owners change roles and remove people; the last owner stays.
 */
import assert from "node:assert/strict";
import { createTestApp, formPost, send, type TestApp } from "./_app.ts";

async function post(
  t: TestApp,
  cookie: string | null,
  path: string,
  fields: Record<string, string>,
) {
  const res = await t.request(path, formPost(cookie, fields));
  return {
    status: res.status,
    location: res.headers.get("location"),
    cookie: res.headers.get("set-cookie")?.split(";")[0] ?? null,
    cacheControl: res.headers.get("cache-control"),
    body: await res.text(),
  };
}

async function userId(t: TestApp, email: string): Promise<string> {
  const [row] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
  return row.id;
}

Deno.test("an owner adds a person, who signs in through the one-time link", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    let link = "";
    await test.step("adding shows the link once, never stored", async () => {
      const added = await post(t, ada, "/members", {
        email: "Ann@Acme.test",
        name: "Ann Example",
        role: "member",
      });
      assert.equal(added.status, 201);
      assert.equal(added.cacheControl, "no-store");
      const match = /value="(http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43})"/.exec(added.body);
      assert.ok(match, "the link is on the page");
      link = new URL(match[1]).pathname;
      assert.match(added.body, /ann@acme\.test/);
      const list = await send(t, "/members", ada);
      assert.match(list.body, /Ann Example/);
      assert.ok(!list.body.includes(link), "the list does not show it again");
    });
    await test.step("the link asks for a password; a short one is a 422", async () => {
      const form = await send(t, link, null);
      assert.equal(form.status, 200);
      assert.match(form.body, /Welcome to Acme, Ann Example/);
      const short = await post(t, null, link, { password: "short" });
      assert.equal(short.status, 422);
      assert.match(short.body, /at least 10 characters/);
    });
    await test.step("setting it signs the person in with their role", async () => {
      const set = await post(t, null, link, { password: "a long enough password" });
      assert.equal(set.status, 303);
      assert.equal(set.location, "/");
      assert.ok(set.cookie?.startsWith("beacon_session="));
      const home = await send(t, "/", set.cookie!);
      assert.equal(home.status, 200);
      assert.match(home.body, /Ann Example/);
      assert.match(home.body, /role-badge">Member</);
      const again = await post(t, null, "/login", {
        email: "ann@acme.test",
        password: "a long enough password",
      });
      assert.equal(again.status, 303, "and signs in with it later");
    });
    await test.step("the link works once", async () => {
      assert.equal((await send(t, link, null)).status, 410);
      assert.equal((await post(t, null, link, { password: "another long password" })).status, 410);
      assert.equal((await send(t, "/invite/not-a-real-token-at-all-00000", null)).status, 410);
      assert.equal((await send(t, "/invite/x", null)).status, 404);
    });
    await test.step("a link past its 24 hours says so", async () => {
      const added = await post(t, ada, "/members", {
        email: "late@acme.test",
        name: "",
        role: "viewer",
      });
      const late = /\/invite\/[A-Za-z0-9_-]{43}/.exec(added.body)![0];
      await t.db.query("UPDATE invitations SET expires_at = now() - interval '1 minute'");
      const res = await send(t, late, null);
      assert.equal(res.status, 410);
      assert.match(res.body, /expired/);
    });
    await test.step("a person with a password is simply added", async () => {
      const res = await post(t, ada, "/members", {
        email: "hank@globex.test",
        name: "",
        role: "viewer",
      });
      assert.equal(res.status, 200);
      assert.match(res.body, /is a member now/);
      assert.doesNotMatch(res.body, /\/invite\//);
    });
  } finally {
    await t.drop();
  }
});

Deno.test("owners change roles and remove people; the last owner cannot go", async (test) => {
  const t = await createTestApp();
  try {
    const ada = await t.login("ada@acme.test");
    const grace = await userId(t, "grace@acme.test");
    const adaId = await userId(t, "ada@acme.test");
    await test.step("only owners manage people", async () => {
      const member = await t.login("grace@acme.test");
      assert.equal((await send(t, "/members", member)).status, 403);
      assert.equal(
        (await post(t, member, "/members", { email: "x@y.z", role: "owner" })).status,
        403,
      );
      assert.equal((await post(t, member, `/members/${adaId}`, { role: "viewer" })).status, 403);
    });
    await test.step("a role changes; a bad role is a 422", async () => {
      assert.equal((await post(t, ada, `/members/${grace}`, { role: "viewer" })).status, 303);
      const [row] = await t.db.query<{ role: string }>(
        "SELECT role FROM memberships WHERE user_id = $1",
        [grace],
      );
      assert.equal(row.role, "viewer");
      assert.equal((await post(t, ada, `/members/${grace}`, { role: "emperor" })).status, 422);
    });
    await test.step("the last owner can neither be demoted nor removed", async () => {
      const demote = await post(t, ada, `/members/${adaId}`, { role: "member" });
      assert.equal(demote.status, 422);
      assert.match(demote.body, /last owner/);
      const remove = await post(t, ada, `/members/${adaId}/delete`, {});
      assert.equal(remove.status, 422);
    });
    await test.step("someone removed is signed out of the tenant", async () => {
      const linus = await t.login("linus@acme.test");
      const linusId = await userId(t, "linus@acme.test");
      assert.equal((await post(t, ada, `/members/${linusId}/delete`, {})).status, 303);
      const after = await send(t, "/", linus);
      assert.equal(after.status, 303, "sent to sign in");
    });
    await test.step("another tenant's person is a 404", async () => {
      const hank = await userId(t, "hank@globex.test");
      assert.equal((await post(t, ada, `/members/${hank}`, { role: "viewer" })).status, 404);
      assert.equal((await post(t, ada, `/members/${hank}/delete`, {})).status, 404);
    });
  } finally {
    await t.drop();
  }
});
