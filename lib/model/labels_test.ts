import assert from "node:assert/strict";
import { dayLabel, instantOf, lastUpdatedLabel, shownLogTime, timeLabel } from "./labels.ts";

Deno.test("dayLabel() and timeLabel() write UTC days and 12-hour times", () => {
  assert.equal(dayLabel("2025-07-31T23:59:00-02:00"), "2025-08-01");
  assert.deepEqual(
    ["00:00", "09:05", "12:00", "13:30", "23:59"].map((t) => timeLabel(`2025-07-31T${t}:00Z`)),
    ["12:00 AM", "9:05 AM", "12:00 PM", "1:30 PM", "11:59 PM"],
  );
  assert.equal(lastUpdatedLabel(new Date("2025-07-31T17:30:59Z")), "2025-07-31 (5:30 PM)");
});

Deno.test("instantOf() reads what dayLabel() and timeLabel() write, and refuses the rest", () => {
  for (
    const at of ["2025-07-31T00:00:00.000Z", "2025-07-31T12:30:00.000Z", "2024-02-29T23:59:00.000Z"]
  ) {
    assert.equal(instantOf(dayLabel(at), timeLabel(at)), at);
  }
  assert.equal(instantOf("2025-07-31", "17:30"), "2025-07-31T17:30:00.000Z");
  assert.equal(instantOf("2025-07-31", null), "2025-07-31T00:00:00.000Z");
  for (
    const [day, time] of [["2025-02-30", null], ["Monday", null], ["2025-07-31", "13:00 PM"], [
      "2025-07-31",
      "noon",
    ]]
  ) {
    assert.equal(instantOf(day!, time), null, `${day} ${time}`);
  }
});

Deno.test("shownLogTime() prefers what a document wrote over the entry's instant", () => {
  const at = "2025-08-01T08:00:00Z";
  assert.deepEqual(shownLogTime({ at, dayLabel: null, timeLabel: null }), {
    day: "2025-08-01",
    time: "8:00 AM",
  });
  assert.deepEqual(shownLogTime({ at, dayLabel: "Friday", timeLabel: "morning" }), {
    day: "Friday",
    time: "morning",
  });
});
