import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import {
  addMilestone,
  addMilestoneItem,
  deleteMilestone,
  deleteMilestoneItem,
  setMilestoneItemDone,
  updateMilestone,
} from "./milestones.ts";

dbTest("weeks and their items are added, ticked, edited and deleted", async (t, demo) => {
  const { db, acme } = demo;
  const weeks = async () => (await demo.load(acme)).milestones;
  const week = await addMilestone(db, acme, { title: "Week 7", note: " Starting 2025-09-11 " });
  const first = await addMilestoneItem(db, acme, week!.id, "Retrospective held");
  const second = await addMilestoneItem(db, acme, week!.id, "Handover");
  await t.step("a week is added at the end with its note and items", async () => {
    const added = (await weeks())[6];
    assert.deepEqual([added.title, added.note, added.position], [
      "Week 7",
      "Starting 2025-09-11",
      6,
    ]);
    assert.deepEqual(added.items.map((i) => [i.text, i.done]), [
      ["Retrospective held", false],
      ["Handover", false],
    ]);
  });
  await t.step("an item is ticked and unticked", async () => {
    assert.deepEqual(await setMilestoneItemDone(db, acme, first!.id, true), {
      id: first!.id,
      done: true,
    });
    assert.equal((await weeks())[6].items[0].done, true);
    await setMilestoneItemDone(db, acme, first!.id, false);
    assert.equal((await weeks())[6].items[0].done, false);
  });
  await t.step("a week is edited; an empty note is none", async () => {
    await updateMilestone(db, acme, week!.id, { title: "Week 7 (wrap-up)", note: "" });
    const edited = (await weeks())[6];
    assert.deepEqual([edited.title, edited.note], ["Week 7 (wrap-up)", null]);
  });
  await t.step("an item is deleted; the items after it move up", async () => {
    await deleteMilestoneItem(db, acme, first!.id);
    const items = (await weeks())[6].items;
    assert.deepEqual(items.map((i) => i.id), [second!.id]);
    await addMilestoneItem(db, acme, week!.id, "Party");
    assert.deepEqual((await weeks())[6].items.map((i) => i.text), ["Handover", "Party"]);
  });
  await t.step("a week is deleted with its items", async () => {
    const week1 = (await weeks())[0].id;
    await deleteMilestone(db, acme, week1);
    const left = await weeks();
    assert.deepEqual(left.map((w) => w.title), [
      "Week 2",
      "Week 3",
      "Week 4",
      "Week 5",
      "Week 6",
      "Week 7 (wrap-up)",
    ]);
    assert.deepEqual(left.map((w) => w.position), [0, 1, 2, 3, 4, 5]);
  });
  await t.step("another tenant's week or item is not found", async () => {
    const globex = (await demo.load(demo.globex)).milestones[0];
    assert.equal(await addMilestoneItem(db, acme, globex.id, "x"), null);
    assert.equal(await setMilestoneItemDone(db, acme, globex.items[0].id, true), null);
    assert.equal(await deleteMilestoneItem(db, acme, globex.items[0].id), null);
    assert.equal(await updateMilestone(db, acme, globex.id, { title: "x", note: null }), null);
    assert.equal(await deleteMilestone(db, acme, globex.id), null);
    assert.equal(await addMilestone(db, demo.foreign, { title: "x", note: null }), null);
    assert.equal((await demo.load(demo.globex)).milestones[0].items[0].done, false);
  });
});
