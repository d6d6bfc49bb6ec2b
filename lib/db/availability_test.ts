import assert from "node:assert/strict";
import { Availability } from "./availability.ts";
import { DatabaseUnavailableError } from "./unavailable.ts";

const refused = () => new DatabaseUnavailableError("refused", "connection refused");

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

Deno.test("Availability counts the server down after consecutive failures and refuses calls", () => {
  let downs = 0;
  const availability = new Availability(() => Promise.reject(refused()), {
    failureThreshold: 2,
    probeIntervalMs: 60_000,
    onDown: () => downs++,
  });
  try {
    availability.failed(refused());
    availability.admit();
    availability.succeeded();
    availability.failed(refused());
    assert.equal(availability.snapshot().status, "up", "a success in between resets the count");
    availability.failed(refused());
    const snapshot = availability.snapshot();
    assert.equal(snapshot.status, "down");
    assert.equal(snapshot.consecutiveFailures, 2);
    assert.equal(snapshot.lastError, "connection refused");
    assert.equal(downs, 1);
    assert.throws(
      () => availability.admit(),
      (error) => error instanceof DatabaseUnavailableError && error.reason === "down",
    );
  } finally {
    availability.close();
  }
});

Deno.test("Availability ignores failures that do not blame the server", () => {
  const availability = new Availability(() => Promise.resolve(), { failureThreshold: 1 });
  try {
    for (const reason of ["overloaded", "down", "closed"] as const) {
      availability.failed(new DatabaseUnavailableError(reason, "x"));
    }
    assert.equal(availability.snapshot().status, "up");
    assert.equal(availability.snapshot().consecutiveFailures, 0);
  } finally {
    availability.close();
  }
});

Deno.test("Availability probes while down and counts the server up when a probe succeeds", async () => {
  let serverUp = false;
  let probes = 0;
  const availability = new Availability(() => {
    probes++;
    return serverUp ? Promise.resolve() : Promise.reject(refused());
  }, { failureThreshold: 1, probeIntervalMs: 20 });
  try {
    availability.failed(refused());
    await sleep(150);
    assert.equal(availability.snapshot().status, "down");
    assert.ok(probes >= 3, `${probes} probes`);
    serverUp = true;
    await sleep(100);
    const snapshot = availability.snapshot();
    assert.equal(snapshot.status, "up");
    assert.equal(snapshot.consecutiveFailures, 0);
    const after = probes;
    await sleep(100);
    assert.equal(probes, after, "no probes while up");
  } finally {
    availability.close();
  }
});
