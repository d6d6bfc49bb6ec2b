import assert from "node:assert/strict";
import { type BreakerState, CircuitBreaker } from "./breaker.ts";

function clocked(options: { failureThreshold: number; cooldownMs: number }) {
  const clock = { now: 0 };
  const changes: BreakerState[] = [];
  const breaker = new CircuitBreaker({
    ...options,
    now: () => clock.now,
    onStateChange: (state) => changes.push(state),
  });
  return { breaker, clock, changes };
}

Deno.test("CircuitBreaker opens after the threshold of consecutive failures", () => {
  const { breaker } = clocked({ failureThreshold: 3, cooldownMs: 1000 });
  breaker.failure();
  breaker.failure();
  breaker.success(); // resets the streak
  breaker.failure();
  breaker.failure();
  assert.equal(breaker.state, "closed");
  breaker.failure();
  assert.equal(breaker.state, "open");
  assert.equal(breaker.allow(), false);
});

Deno.test("CircuitBreaker lets one probe through after the cooldown, and closes on success", () => {
  const { breaker, clock, changes } = clocked({ failureThreshold: 1, cooldownMs: 1000 });
  breaker.failure();
  clock.now = 999;
  assert.equal(breaker.allow(), false);
  clock.now = 1000;
  assert.equal(breaker.allow(), true);
  assert.equal(breaker.state, "half-open");
  assert.equal(breaker.allow(), false); // only one probe at a time
  breaker.success();
  assert.equal(breaker.state, "closed");
  assert.deepEqual(changes, ["open", "half-open", "closed"]);
});

Deno.test("CircuitBreaker reopens for a full cooldown when the probe fails", () => {
  const { breaker, clock } = clocked({ failureThreshold: 1, cooldownMs: 1000 });
  breaker.failure();
  clock.now = 1000;
  assert.equal(breaker.allow(), true);
  breaker.failure();
  assert.equal(breaker.state, "open");
  clock.now = 1999;
  assert.equal(breaker.allow(), false);
  clock.now = 2000;
  assert.equal(breaker.allow(), true);
});

Deno.test("CircuitBreaker ignores a late success while open", () => {
  const { breaker } = clocked({ failureThreshold: 1, cooldownMs: 1000 });
  breaker.failure();
  breaker.success();
  assert.equal(breaker.state, "open");
});

Deno.test("CircuitBreaker refuses a threshold below one", () => {
  assert.throws(() => new CircuitBreaker({ failureThreshold: 0 }), RangeError);
});
