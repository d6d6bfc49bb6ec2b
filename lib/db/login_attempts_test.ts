import assert from "node:assert/strict";
import { dbTest } from "./_test_support.ts";
import type { Db } from "./connection.ts";
import {
  type AttemptScope,
  attemptSucceeded,
  pruneAttempts,
  reserveAttempt,
} from "./login_attempts.ts";

const email: AttemptScope = { scope: "email", key: "ada@acme.test", limit: 2 };
const address: AttemptScope = { scope: "address", key: "203.0.113.7", limit: 5 };

async function failures(db: Db): Promise<Record<string, number>> {
  const rows = await db.query<{ scope: string; failures: number }>(
    "SELECT scope, failures FROM login_attempts ORDER BY scope",
  );
  return Object.fromEntries(rows.map((r) => [r.scope, Number(r.failures)]));
}

dbTest(
  "attempts count on every counter; at the limit they wait, a success takes one back",
  async (t, { db }) => {
    await t.step("each attempt counts as a failure until it succeeds", async () => {
      assert.equal(await reserveAttempt(db, [email, address]), 0);
      assert.equal(await reserveAttempt(db, [address, email]), 0);
      assert.deepEqual(await failures(db), { address: 2, email: 2 });
    });
    await t.step(
      "the email at its limit waits the first delay; waiting is not counted",
      async () => {
        const wait = await reserveAttempt(db, [email, address]);
        assert.ok(wait > 25 && wait <= 30, `waits ${wait} s of the default 30 s`);
        assert.deepEqual(await failures(db), { address: 2, email: 2 });
      },
    );
    await t.step("a success clears the email and takes one failure off the address", async () => {
      await attemptSucceeded(db, email, address);
      assert.deepEqual(await failures(db), { address: 1 });
      assert.equal(await reserveAttempt(db, [email, address]), 0);
    });
  },
);

dbTest(
  "pruneAttempts() forgets counters idle for a day unless they still block",
  async (_, { db }) => {
    const other = { ...email, key: "grace@acme.test" };
    for (const s of [email, address, other]) await reserveAttempt(db, [s]);
    await db.query(
      `UPDATE login_attempts SET last_failure_at = now() - interval '25 hours',
       blocked_until = CASE WHEN key = $1 THEN now() + interval '1 hour' END
     WHERE key <> $2`,
      [other.key, address.key],
    );
    await pruneAttempts(db);
    const kept = await db.query<{ key: string }>("SELECT key FROM login_attempts ORDER BY key");
    assert.deepEqual(kept.map((r) => r.key), [address.key, other.key]);
  },
);
