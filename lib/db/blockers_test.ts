import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import { addBlocker, deleteBlocker, setBlockerResolved } from "./blockers.ts";

dbTest(
  "blockers are added, resolved, reopened and deleted, and the summary counts them",
  async (t, demo) => {
    const { db, acme } = demo;
    const summary = async () => {
      const d = await demo.load(acme);
      const row = d.metrics.find((m) => m.name === "Blockers")!;
      return { blockers: d.blockers, row: [row.current, row.health, row.statusLabel] };
    };
    const vpn = await addBlocker(db, acme, "Waiting on VPN access");
    const budget = await addBlocker(db, acme, "Budget sign-off");
    await t.step("open blockers turn the Blockers row red", async () => {
      const { blockers, row } = await summary();
      assert.deepEqual(blockers.map((b) => [b.text, b.resolvedAt]), [
        ["Waiting on VPN access", null],
        ["Budget sign-off", null],
      ]);
      assert.deepEqual(row, ["2", "red", "2 open"]);
    });
    await t.step("a resolved blocker goes after the open ones and stops counting", async () => {
      const resolved = await setBlockerResolved(db, acme, vpn!.id, true);
      assert.ok(resolved?.resolvedAt);
      const { blockers, row } = await summary();
      assert.deepEqual(blockers.map((b) => b.text), ["Budget sign-off", "Waiting on VPN access"]);
      assert.equal(blockers[1].resolvedAt, resolved!.resolvedAt);
      assert.deepEqual(row, ["1", "red", "1 open"]);
    });
    await t.step("resolving again keeps the date; reopening makes it open again", async () => {
      const first = (await summary()).blockers[1].resolvedAt;
      assert.equal((await setBlockerResolved(db, acme, vpn!.id, true))?.resolvedAt, first);
      await setBlockerResolved(db, acme, vpn!.id, false);
      assert.deepEqual((await summary()).blockers.map((b) => b.text), [
        "Waiting on VPN access",
        "Budget sign-off",
      ]);
    });
    await t.step("deleting them all clears the row", async () => {
      await deleteBlocker(db, acme, vpn!.id);
      await setBlockerResolved(db, acme, budget!.id, true);
      const { blockers, row } = await summary();
      assert.deepEqual(blockers.map((b) => b.position), [0]);
      assert.deepEqual(row, ["0", "green", "Clear"]);
    });
    await t.step("another tenant's blocker is not found", async () => {
      assert.equal(await addBlocker(db, demo.foreign, "x"), null);
      assert.equal(await setBlockerResolved(db, demo.globex, budget!.id, true), null);
      assert.equal(await deleteBlocker(db, demo.globex, budget!.id), null);
    });
  },
);
