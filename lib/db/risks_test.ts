import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import { createRisk, deleteRisk, moveRisk, type RiskInput, updateRisk } from "./risks.ts";

const fire: RiskInput = {
  title: "Data centre fire",
  impact: "high",
  probability: "low",
  mitigation: "Second region",
  owner: "ops",
};

dbTest("risks keep their order as they are added, moved and deleted", async (t, demo) => {
  const { db, acme } = demo;
  const titles = async () => (await demo.load(acme)).risks.map((r) => r.title);
  const four = await titles();
  const added = await createRisk(db, acme, fire);
  await t.step("added at the end and edited", async () => {
    assert.deepEqual(await titles(), [...four, "Data centre fire"]);
    await updateRisk(db, acme, added!.id, { ...fire, probability: "medium" });
    assert.equal((await demo.load(acme)).risks[4].probability, "medium");
  });
  await t.step("moved up", async () => {
    await moveRisk(db, acme, added!.id, "up");
    assert.deepEqual(await titles(), [...four.slice(0, 3), "Data centre fire", four[3]]);
  });
  await t.step("deleted; the risks after it move up", async () => {
    await deleteRisk(db, acme, (await demo.load(acme)).risks[0].id);
    const risks = (await demo.load(acme)).risks;
    assert.deepEqual(risks.map((r) => r.position), [0, 1, 2, 3]);
    assert.equal(risks[0].title, four[1]);
  });
  await t.step("another tenant's risk is not found", async () => {
    const globex = (await demo.load(demo.globex)).risks[0].id;
    assert.equal(await updateRisk(db, acme, globex, fire), null);
    assert.equal(await moveRisk(db, acme, globex, "up"), null);
    assert.equal(await deleteRisk(db, acme, globex), null);
    assert.equal(await createRisk(db, demo.foreign, fire), null);
  });
});
