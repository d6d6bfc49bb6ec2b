import assert from "node:assert/strict";
import { isBlockersRow, metricStatus, parseMeasure, splitTarget } from "./metric_status.ts";
import type { MetricData, MetricDirection } from "./types.ts";

function metric(
  current: string,
  target: string,
  direction: MetricDirection | null,
  baseline = "",
): Omit<MetricData, "id" | "position" | "unit"> {
  return {
    group: "quality",
    name: "Coverage",
    baseline,
    current,
    target,
    direction,
    health: "yellow",
    statusLabel: "Chosen",
  };
}

const label = (m: ReturnType<typeof metric>) => {
  const status = metricStatus(m, 0);
  return `${status.health} ${status.statusLabel}`;
};

Deno.test("parseMeasure() reads numbers and percents, nothing else", () => {
  assert.deepEqual(
    ["100%", "5", "0", "≥ 80%", "-70%", "2.5", " 85 % ", "TBD", "6 weeks", "Week 1-2", ""].map(
      parseMeasure,
    ),
    [100, 5, 0, 80, -70, 2.5, 85, null, null, null, null],
  );
});

Deno.test("a higher-is-better metric is on target, in progress or off target", () => {
  assert.equal(label(metric("100%", "100%", "higher")), "green On Target");
  assert.equal(label(metric("120", "100", "higher")), "green On Target");
  assert.equal(label(metric("85%", "100%", "higher")), "yellow In Progress");
  assert.equal(label(metric("0%", "80%", "higher")), "red Off Target");
  assert.equal(label(metric("40", "100", "higher", "50")), "red Off Target");
  assert.equal(label(metric("60", "100", "higher", "50")), "yellow In Progress");
});

Deno.test("a lower-is-better metric is on target, in progress or off target", () => {
  assert.equal(label(metric("0", "0", "lower")), "green On Target");
  assert.equal(label(metric("3", "5", "lower")), "green On Target");
  assert.equal(label(metric("7", "5", "lower", "10")), "yellow In Progress");
  assert.equal(label(metric("7", "5", "lower")), "red Off Target");
  assert.equal(label(metric("12", "5", "lower", "10")), "red Off Target");
});

Deno.test("a metric without a numeric target, a number or a direction keeps its chosen status", () => {
  for (
    const m of [
      metric("85%", "100%", null),
      metric("Week 1-2", "6 weeks", "higher"),
      metric("TBD", "-50%", "lower"),
      metric("Unknown", "0", "lower"),
    ]
  ) {
    assert.deepEqual(metricStatus(m, 0), {
      current: m.current,
      health: "yellow",
      statusLabel: "Chosen",
      computed: null,
    });
  }
});

Deno.test("the summary row Blockers counts the open blockers", () => {
  const blockers = { ...metric("5", "0", null), group: "summary" as const, name: " BLOCKERS" };
  assert.ok(isBlockersRow(blockers));
  assert.deepEqual(metricStatus(blockers, 0), {
    current: "0",
    health: "green",
    statusLabel: "Clear",
    computed: "blockers",
  });
  assert.deepEqual(metricStatus(blockers, 2), {
    current: "2",
    health: "red",
    statusLabel: "2 open",
    computed: "blockers",
  });
  assert.ok(!isBlockersRow({ group: "quality", name: "Blockers" }));
});

Deno.test("splitTarget() takes a typed sign as the direction", () => {
  assert.deepEqual(splitTarget(" ≥ 80% ", null), { target: "80%", direction: "higher" });
  assert.deepEqual(splitTarget("<=2 s", "higher"), { target: "2 s", direction: "lower" });
  assert.deepEqual(splitTarget("100%", "higher"), { target: "100%", direction: "higher" });
  assert.deepEqual(splitTarget("N/A", null), { target: "N/A", direction: null });
});
