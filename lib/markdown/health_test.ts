import assert from "node:assert/strict";
import { phaseStatusOf } from "./health.ts";

Deno.test("phaseStatusOf() counts a task in progress as a started phase", () => {
  const of = (...states: ("todo" | "doing" | "done")[]) =>
    phaseStatusOf(states.map((status) => ({ status }))).label;
  assert.equal(of("done", "done"), "COMPLETE");
  assert.equal(of("done", "todo"), "In Progress");
  assert.equal(of("doing", "todo"), "In Progress");
  assert.equal(of("todo", "todo"), "Not Started");
  assert.equal(of(), "Not Started");
});
