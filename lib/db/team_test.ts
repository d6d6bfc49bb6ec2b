import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import { addTeamRow, deleteTeamRow, moveTeamRow, updateTeamRow } from "./team.ts";

const grace = {
  member: "Grace Hopper",
  health: "yellow" as const,
  statusLabel: "In Progress",
  currentTask: "QA",
  progress: 40,
};

dbTest("team rows are added, edited, moved and deleted", async (t, demo) => {
  const { db, acme } = demo;
  const team = async () => (await demo.load(acme)).team;
  const added = await addTeamRow(db, acme, grace);
  await t.step("added at the end", async () => {
    const row = (await team())[7];
    assert.equal(added?.position, 7);
    assert.deepEqual([row.member, row.status, row.statusLabel, row.currentTask, row.progress], [
      "Grace Hopper",
      "yellow",
      "In Progress",
      "QA",
      40,
    ]);
    assert.deepEqual([row.taskCount, row.doneCount], [0, 0]);
  });
  await t.step("edited; tasks assigned to the new name count", async () => {
    await updateTeamRow(db, acme, added!.id, {
      ...grace,
      member: "QA-Playwright-Tester ",
      progress: 100,
    });
    const row = (await team())[7];
    assert.deepEqual([row.member, row.progress, row.taskCount, row.doneCount], [
      "QA-Playwright-Tester",
      100,
      1,
      1,
    ]);
  });
  await t.step("a progress outside 0 to 100 is refused", async () => {
    await assert.rejects(
      () => updateTeamRow(db, acme, added!.id, { ...grace, progress: 101 }),
      RangeError,
    );
    await assert.rejects(() => addTeamRow(db, acme, { ...grace, progress: 2.5 }), RangeError);
  });
  await t.step("moved down at the end does nothing, up swaps", async () => {
    assert.equal((await moveTeamRow(db, acme, added!.id, "down"))?.moved, false);
    await moveTeamRow(db, acme, added!.id, "up");
    assert.deepEqual((await team()).slice(5).map((r) => r.member), [
      "enterprise-product-owner",
      "QA-Playwright-Tester",
      "agile-velocity-optimizer",
    ]);
  });
  await t.step("deleted; another tenant's row is not found", async () => {
    const globexRow = (await demo.load(demo.globex)).team[0].id;
    assert.equal(await deleteTeamRow(db, acme, globexRow), null);
    assert.equal(await updateTeamRow(db, acme, globexRow, grace), null);
    await deleteTeamRow(db, acme, added!.id);
    assert.deepEqual((await team()).map((r) => r.position), [0, 1, 2, 3, 4, 5, 6]);
  });
});
