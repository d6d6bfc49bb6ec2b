import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import {
  addMember,
  changeMemberRole,
  listMembers,
  redeemInvitation,
  removeMember,
  tokenHash,
} from "./members.ts";
import { findLoginCandidate } from "./accounts.ts";
import { verifyPassword } from "./password.ts";

dbTest("a new person is invited with a one-time link and sets a password", async (t, demo) => {
  const { db } = demo;
  const acme = demo.acme.tenantId;
  const [ada] = await db.query<{ id: string }>(
    "SELECT id FROM users WHERE email = 'ada@acme.test'",
  );
  const added = await addMember(db, acme, {
    email: " Barbara@Acme.test ",
    role: "member",
    invitedBy: ada.id,
  });
  assert.equal(added.status, "invited");
  if (added.status !== "invited") return;
  await t.step("the token is 32 random bytes; only its hash is stored", async () => {
    assert.match(added.token, /^[A-Za-z0-9_-]{43}$/);
    const rows = await db.query<{ token_hash: string; created_by: string; role: string }>(
      "SELECT token_hash, created_by, role FROM invitations WHERE user_id = $1",
      [added.userId],
    );
    assert.deepEqual([...rows], [{
      token_hash: tokenHash(added.token),
      created_by: ada.id,
      role: "member",
    }]);
    const hours = (Date.parse(added.expiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 23.9 && hours <= 24, `valid for 24 h, not ${hours}`);
  });
  await t.step("listed by the email's local part, invited, unable to sign in yet", async () => {
    const member = (await listMembers(db, acme)).find((m) => m.userId === added.userId);
    assert.deepEqual(
      [member?.name, member?.email, member?.role, member?.invitedUntil],
      ["barbara", "barbara@acme.test", "member", added.expiresAt],
    );
    const candidate = await findLoginCandidate(db, "barbara@acme.test");
    assert.equal(await verifyPassword("", candidate!.passwordHash), false);
  });
  await t.step("redeemed once: the password works and the link is spent", async () => {
    assert.deepEqual(await redeemInvitation(db, added.token, "correct horse"), {
      ok: true,
      userId: added.userId,
      tenantId: acme,
    });
    const candidate = await findLoginCandidate(db, "barbara@acme.test");
    assert.ok(await verifyPassword("correct horse", candidate!.passwordHash));
    assert.deepEqual(await redeemInvitation(db, added.token, "again"), {
      ok: false,
      reason: "used",
    });
    assert.deepEqual(await redeemInvitation(db, "nope", "x"), { ok: false, reason: "unknown" });
    const member = (await listMembers(db, acme)).find((m) => m.userId === added.userId);
    assert.equal(member?.invitedUntil, null);
  });
  await t.step("someone with a password is added without a link", async () => {
    const globex = demo.globex.tenantId;
    const result = await addMember(db, globex, {
      email: "barbara@acme.test",
      role: "viewer",
      invitedBy: null,
    });
    assert.deepEqual(result, { status: "added", userId: added.userId });
    assert.deepEqual(
      await addMember(db, globex, { email: "hank@globex.test", role: "viewer", invitedBy: null }),
      {
        status: "already-member",
        userId: (await listMembers(db, globex))[0].userId,
        role: "owner",
      },
    );
  });
  await t.step("an expired link is refused", async () => {
    const late = await addMember(db, acme, {
      email: "late@acme.test",
      role: "viewer",
      invitedBy: null,
    });
    if (late.status !== "invited") throw new Error(late.status);
    await db.query("UPDATE invitations SET expires_at = now() - interval '1 second'");
    assert.deepEqual(await redeemInvitation(db, late.token, "pw"), {
      ok: false,
      reason: "expired",
    });
  });
  await t.step("a malformed email is refused", async () => {
    await assert.rejects(
      () => addMember(db, acme, { email: "not an email", role: "viewer", invitedBy: null }),
      /is not an email address/,
    );
  });
});

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
