import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import { addNextAction, deleteNextAction, setNextActionDone } from "./next_actions.ts";

dbTest(
  "next actions go into their group, created on demand in its usual place",
  async (t, demo) => {
    const { db, globex } = demo;
    const groups = async () =>
      (await demo.load(globex)).actionGroups.map((g) => [
        g.title,
        g.when,
        g.items.map((i) => i.text),
      ]);
    await t.step("a missing group is created with its when-label", async () => {
      await addNextAction(db, globex, { group: "Next Week", text: "Book venue" });
      await addNextAction(db, globex, { group: "immediate", text: "Call supplier" });
      await addNextAction(db, globex, { group: "This Week", text: "Draft press kit" });
      await addNextAction(db, globex, { group: "Someday", text: "Sequel" });
      assert.deepEqual(await groups(), [
        ["Immediate", "Today", ["Call supplier"]],
        ["This Week", null, ["Draft press kit"]],
        ["Next Week", null, ["Book venue"]],
        ["Someday", null, ["Sequel"]],
      ]);
    });
    await t.step("an existing group gets the item at its end", async () => {
      const added = await addNextAction(db, globex, { group: "IMMEDIATE", text: "Email team" });
      const immediate = (await demo.load(globex)).actionGroups[0];
      assert.equal(added?.groupId, immediate.id);
      assert.deepEqual(immediate.items.map((i) => [i.text, i.position]), [
        ["Call supplier", 0],
        ["Email team", 1],
      ]);
    });
    await t.step("ticked, unticked and deleted; the group stays", async () => {
      const [call, email] = (await demo.load(globex)).actionGroups[0].items;
      await setNextActionDone(db, globex, call.id, true);
      assert.equal((await demo.load(globex)).actionGroups[0].items[0].done, true);
      await setNextActionDone(db, globex, call.id, false);
      await deleteNextAction(db, globex, call.id);
      await deleteNextAction(db, globex, email.id);
      assert.deepEqual((await groups())[0], ["Immediate", "Today", []]);
    });
    await t.step("the reference's groups keep their order", async () => {
      await addNextAction(db, demo.acme, { group: "This Week", text: "Ship it" });
      const acme = (await demo.load(demo.acme)).actionGroups;
      assert.deepEqual(acme.map((g) => [g.title, g.items.length]), [
        ["Immediate", 4],
        ["This Week", 7],
        ["Next Week", 4],
      ]);
    });
    await t.step("another tenant's item is not found", async () => {
      const item = (await demo.load(demo.acme)).actionGroups[0].items[0].id;
      assert.equal(await setNextActionDone(db, globex, item, true), null);
      assert.equal(await deleteNextAction(db, globex, item), null);
      assert.equal(await addNextAction(db, demo.foreign, { group: "Immediate", text: "x" }), null);
    });
  },
);
