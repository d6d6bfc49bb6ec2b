import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import {
  addMetric,
  deleteMetric,
  type MetricInput,
  moveMetric,
  updateMetric,
  updateMetricCurrent,
} from "./metrics.ts";

const coverage: MetricInput = {
  group: "quality",
  name: "Branch Coverage",
  baseline: "10%",
  current: "40%",
  target: "≥ 80%",
  direction: null,
  health: "yellow",
  statusLabel: "Chosen",
};

dbTest(
  "metrics are added, edited, moved and deleted, and their status follows the numbers",
  async (t, demo) => {
    const { db, acme } = demo;
    const metric = async (id: string) => (await demo.load(acme)).metrics.find((m) => m.id === id)!;
    const added = await addMetric(db, acme, coverage);
    await t.step("added at the end of its group; a typed sign is the direction", async () => {
      assert.equal(added?.position, 4);
      const m = await metric(added!.id);
      assert.deepEqual([m.target, m.direction, m.baseline, m.health, m.statusLabel, m.computed], [
        "80%",
        "higher",
        "",
        "yellow",
        "In Progress",
        "target",
      ]);
    });
    await t.step("a new current value changes the shown status", async () => {
      await updateMetricCurrent(db, acme, added!.id, "85%");
      assert.deepEqual([(await metric(added!.id)).health, (await metric(added!.id)).statusLabel], [
        "green",
        "On Target",
      ]);
      await updateMetricCurrent(db, acme, added!.id, "TBD");
      assert.equal((await metric(added!.id)).statusLabel, "Chosen");
    });
    await t.step(
      "moved to performance: end of that group, baseline kept, label dropped",
      async () => {
        await updateMetric(db, acme, added!.id, {
          ...coverage,
          group: "performance",
          baseline: "50%",
          current: "30%",
          target: "20%",
          direction: "lower",
        });
        const all = (await demo.load(acme)).metrics;
        const m = all.find((x) => x.id === added!.id)!;
        assert.deepEqual([m.group, m.position, m.baseline, m.direction], [
          "performance",
          4,
          "50%",
          "lower",
        ]);
        assert.deepEqual([m.health, m.statusLabel], ["yellow", "In Progress"]);
        assert.deepEqual(all.filter((x) => x.group === "quality").map((x) => x.position), [
          0,
          1,
          2,
          3,
        ]);
      },
    );
    await t.step("moved up within its group", async () => {
      await moveMetric(db, acme, added!.id, "up");
      const names = (await demo.load(acme)).metrics.filter((m) => m.group === "performance")
        .map((m) => m.name);
      assert.deepEqual(names.slice(3), ["Branch Coverage", "Re-render Count"]);
    });
    await t.step("deleted; the Blockers row counts open blockers whatever it stores", async () => {
      await deleteMetric(db, acme, added!.id);
      const all = (await demo.load(acme)).metrics;
      assert.equal(all.length, 13);
      const blockers = all.find((m) => m.name === "Blockers")!;
      await updateMetricCurrent(db, acme, blockers.id, "7");
      assert.equal((await metric(blockers.id)).current, "0");
    });
    await t.step("another tenant's metric is not found", async () => {
      const globex = (await demo.load(demo.globex)).metrics[0].id;
      assert.equal(await updateMetric(db, acme, globex, coverage), null);
      assert.equal(await updateMetricCurrent(db, acme, globex, "1"), null);
      assert.equal(await moveMetric(db, acme, globex, "up"), null);
      assert.equal(await deleteMetric(db, acme, globex), null);
      assert.equal(await addMetric(db, demo.foreign, coverage), null);
    });
  },
);
