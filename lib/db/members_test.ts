import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import { addMember, changeMemberRole, listMembers, removeMember } from "./members.ts";

dbTest("roles change, members go, and a tenant keeps its last owner", async (t, demo) => {
  const { db } = demo;
  const acme = demo.acme.tenantId;
  const id = async (email: string) =>
    (await db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]))[0].id;
  const ada = await id("ada@acme.test");
  const grace = await id("grace@acme.test");
  const roles = async () => (await listMembers(db, acme)).map((m) => [m.name, m.role]);
  await t.step("owners first, then by name", async () => {
    assert.deepEqual(await roles(), [
      ["Ada Lovelace", "owner"],
      ["Grace Hopper", "member"],
      ["Linus Torvalds", "viewer"],
    ]);
  });
  await t.step("the last owner can be neither demoted nor removed", async () => {
    assert.deepEqual(await changeMemberRole(db, acme, ada, "admin"), {
      ok: false,
      reason: "last-owner",
    });
    assert.deepEqual(await removeMember(db, acme, ada), { ok: false, reason: "last-owner" });
    assert.deepEqual(await changeMemberRole(db, acme, ada, "owner"), {
      ok: true,
      userId: ada,
      role: "owner",
    });
  });
  await t.step("with a second owner, one of them may step down, not both at once", async () => {
    await changeMemberRole(db, acme, grace, "owner");
    const both = await Promise.all([
      changeMemberRole(db, acme, ada, "member"),
      changeMemberRole(db, acme, grace, "member"),
    ]);
    assert.deepEqual(both.map((r) => r.ok).sort(), [false, true]);
    assert.equal((await roles()).filter(([, role]) => role === "owner").length, 1);
  });
  await t.step("a member is removed with their pending invitations; the user stays", async () => {
    const invited = await addMember(db, acme, {
      email: "temp@acme.test",
      role: "viewer",
      invitedBy: null,
    });
    assert.deepEqual(await removeMember(db, acme, invited.userId), {
      ok: true,
      userId: invited.userId,
      role: null,
    });
    const left = await db.query("SELECT 1 FROM invitations WHERE user_id = $1", [invited.userId]);
    assert.equal(left.length, 0);
    assert.equal((await roles()).length, 3);
    assert.deepEqual(await removeMember(db, acme, invited.userId), {
      ok: false,
      reason: "not-found",
    });
    assert.deepEqual(await changeMemberRole(db, demo.globex.tenantId, grace, "viewer"), {
      ok: false,
      reason: "not-found",
    });
  });
});
