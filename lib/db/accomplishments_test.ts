import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import {
  addAccomplishment,
  deleteAccomplishment,
  updateAccomplishment,
} from "./accomplishments.ts";

dbTest("accomplishments are added, edited and deleted", async (t, demo) => {
  const { db, acme } = demo;
  const list = async () => (await demo.load(acme)).accomplishments;
  const added = await addAccomplishment(db, acme, {
    title: "Security review",
    owner: " ",
    details: ["Pen test booked", " ", "Threat model 計画"],
  });
  await t.step("added at the end; an empty owner or detail is left out", async () => {
    const a = (await list())[4];
    assert.deepEqual([a.title, a.owner, a.details, a.position], [
      "Security review",
      null,
      ["Pen test booked", "Threat model 計画"],
      4,
    ]);
  });
  await t.step("edited", async () => {
    await updateAccomplishment(db, acme, added!.id, {
      title: "Security review done",
      owner: "devsecops-linting-engineer",
      details: [],
    });
    const a = (await list())[4];
    assert.deepEqual([a.title, a.owner, a.details], [
      "Security review done",
      "devsecops-linting-engineer",
      [],
    ]);
  });
  await t.step("deleted; the ones after it move up", async () => {
    await deleteAccomplishment(db, acme, (await list())[0].id);
    assert.deepEqual((await list()).map((a) => a.position), [0, 1, 2, 3]);
    assert.equal((await list())[3].title, "Security review done");
  });
  await t.step("another tenant's project is not found", async () => {
    const input = { title: "x", owner: null, details: [] };
    assert.equal(await addAccomplishment(db, demo.foreign, input), null);
    assert.equal(await updateAccomplishment(db, demo.globex, added!.id, input), null);
    assert.equal(await deleteAccomplishment(db, demo.globex, added!.id), null);
  });
});
