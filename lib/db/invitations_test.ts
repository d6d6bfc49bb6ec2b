import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import { redeemInvitation, tokenHash } from "./invitations.ts";
import { addMember, listMembers } from "./members.ts";
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
