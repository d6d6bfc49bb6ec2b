import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import { lastUpdatedLabel } from "../model/labels.ts";
import { optionalText, plainText, requiredText } from "./project_writes.ts";
import { addPhase, deletePhase, movePhase, updatePhase } from "./phases.ts";

Deno.test("requiredText(), optionalText() and plainText() keep one trimmed line", () => {
  assert.equal(requiredText(" Deploy\r\nthe cache ", "a title"), "Deploy the cache");
  assert.throws(
    () => requiredText(" \n ", "a task's title"),
    /Cannot save a task's title: it is empty/,
  );
  assert.equal(optionalText(" "), null);
  assert.equal(optionalText(null), null);
  assert.equal(optionalText(" Grace "), "Grace");
  assert.equal(plainText(undefined), "");
});

dbTest("a write advances the project's Last Updated", async (_, demo) => {
  const before = await demo.load(demo.acme);
  assert.equal(before.project.lastUpdated, "2025-07-31 (5:30 PM)");
  await addPhase(demo.db, demo.acme, { name: "Rollout", timeframe: "" });
  const after = await demo.load(demo.acme);
  assert.ok(after.project.updatedAt > before.project.updatedAt);
  assert.equal(after.project.lastUpdated, lastUpdatedLabel(after.project.updatedAt));
});

dbTest("phases are added at the end, edited, moved and deleted", async (t, demo) => {
  const { db, acme } = demo;
  const names = async () => (await demo.load(acme)).phases.map((p) => p.name);
  const five = await names();
  const added = await addPhase(db, acme, { name: " Rollout\n", timeframe: "Week 7" });
  await t.step("added at the end", async () => {
    assert.deepEqual(added?.position, 5);
    assert.deepEqual(await names(), [...five, "Rollout"]);
  });
  await t.step("edited", async () => {
    await updatePhase(db, acme, added!.id, { name: "Go live", timeframe: "Week 8" });
    const phase = (await demo.load(acme)).phases[5];
    assert.deepEqual([phase.name, phase.timeframe, phase.status.label], [
      "Go live",
      "Week 8",
      "Not Started",
    ]);
  });
  await t.step("moved up, and not past the start", async () => {
    assert.deepEqual(await movePhase(db, acme, added!.id, "up"), {
      id: added!.id,
      position: 4,
      moved: true,
    });
    assert.deepEqual((await names()).slice(3), [five[3], "Go live", five[4]]);
    const first = (await demo.load(acme)).phases[0].id;
    assert.deepEqual(await movePhase(db, acme, first, "up"), {
      id: first,
      position: 0,
      moved: false,
    });
  });
  await t.step("deleted with its tasks; the phases after it move up", async () => {
    const foundation = (await demo.load(acme)).phases[0];
    await deletePhase(db, acme, foundation.id);
    const after = await demo.load(acme);
    assert.deepEqual(after.phases.map((p) => p.position), [0, 1, 2, 3, 4]);
    assert.equal(after.phases[0].name, "Backend Quick Wins");
    const orphans = await db.query("SELECT 1 FROM tasks WHERE phase_id = $1", [foundation.id]);
    assert.equal(orphans.length, 0);
    assert.equal(after.progress.total, 21);
  });
  await t.step("another tenant's project is not found and keeps its Last Updated", async () => {
    const globex = await demo.load(demo.globex);
    const phaseId = globex.phases[0].id;
    assert.equal(await addPhase(db, demo.foreign, { name: "x", timeframe: "" }), null);
    assert.equal(await updatePhase(db, acme, phaseId, { name: "x", timeframe: "" }), null);
    assert.equal(await movePhase(db, acme, phaseId, "down"), null);
    assert.equal(await deletePhase(db, acme, phaseId), null);
    const still = await demo.load(demo.globex);
    assert.equal(still.project.updatedAt, globex.project.updatedAt);
    assert.deepEqual(still.phases.map((p) => p.name), ["Market Research", "Launch"]);
  });
});
