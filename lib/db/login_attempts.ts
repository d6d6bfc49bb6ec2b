/**
 * Sign-in attempts, counted in the database so every instance sees the same numbers. An attempt
 * is reserved — counted as a failure — before the password is checked, in a transaction that
 * locks its counters, so parallel guesses cannot all pass the check: once the limit is reached
 * the next attempts wait, for a delay that doubles with each further failure (never a lock
 * that an attacker could hold forever). A sign-in that succeeds takes its reservation back.
 *
 * @module
 */
import type { Db, Queryable } from "./connection.ts";

/** What one counter limits: failures per email, or per client address. */
export interface AttemptScope {
  /** `email` or `address`. */
  scope: string;
  /** The email or address. */
  key: string;
  /** Failures allowed before attempts wait. */
  limit: number;
}

/** Options of the delays. */
export interface AttemptPolicy {
  /** The first wait once the limit is reached, in seconds. Default 30. */
  baseDelaySeconds?: number;
  /** The longest wait, in seconds. Default 900. */
  maxDelaySeconds?: number;
  /** Failures older than this are forgotten, in seconds. Default 900. */
  windowSeconds?: number;
}

interface Row {
  failures: number;
  retry_after: unknown;
}

/**
 * Reserves one attempt on every counter, or says how long to wait. Waiting attempts are not
 * counted: retrying too early only gets the same answer.
 *
 * @param db The database.
 * @param scopes The counters of this attempt (its email, its client address).
 * @param policy The delays.
 * @returns 0 when the attempt may go ahead (it now counts as a failure until
 * {@linkcode attemptSucceeded}); else the seconds to wait.
 * @example
 * ```ts ignore
 * const wait = await reserveAttempt(db, [{ scope: "email", key: email, limit: 5 }]);
 * if (wait > 0) return tooMany(wait);
 * ```
 */
export async function reserveAttempt(
  db: Db,
  scopes: readonly AttemptScope[],
  policy: AttemptPolicy = {},
): Promise<number> {
  const base = policy.baseDelaySeconds ?? 30;
  const max = policy.maxDelaySeconds ?? 900;
  const window = policy.windowSeconds ?? 900;
  return await db.transaction(async (tx) => {
    // Counters are locked in one order, so two attempts never wait on each other in a circle.
    const sorted = [...scopes].sort((a, b) =>
      `${a.scope}\n${a.key}` < `${b.scope}\n${b.key}` ? -1 : 1
    );
    let wait = 0;
    for (const s of sorted) wait = Math.max(wait, await blockedFor(tx, s, window));
    if (wait > 0) return wait;
    for (const s of sorted) await countFailure(tx, s, { base, max });
    return 0;
  });
}

/** Locks a counter (making it if new) and returns the seconds it still blocks; 0 if none. */
async function blockedFor(tx: Queryable, s: AttemptScope, window: number): Promise<number> {
  await tx.query(
    `INSERT INTO login_attempts (scope, key) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [s.scope, s.key],
  );
  // Failures long past are forgotten, once their wait is over.
  await tx.query(
    `UPDATE login_attempts SET failures = 0, blocked_until = NULL
     WHERE scope = $1 AND key = $2
       AND last_failure_at < now() - $3::double precision * interval '1 second'
       AND (blocked_until IS NULL OR blocked_until <= now())`,
    [s.scope, s.key, window],
  );
  const [row] = await tx.query<Row>(
    `SELECT failures,
       greatest(0, ceil(extract(epoch FROM blocked_until - now())))::float8 AS retry_after
     FROM login_attempts WHERE scope = $1 AND key = $2 FOR UPDATE`,
    [s.scope, s.key],
  );
  return Number(row?.retry_after ?? 0);
}

/** Counts a failure; at the limit and past it, blocks for a delay that doubles each time. */
async function countFailure(
  tx: Queryable,
  s: AttemptScope,
  delay: { base: number; max: number },
): Promise<void> {
  await tx.query(
    `UPDATE login_attempts SET failures = failures + 1, last_failure_at = now(),
       blocked_until = CASE WHEN failures + 1 >= $3
         THEN now() + least($5::double precision,
           $4::double precision * power(2, failures + 1 - $3)) * interval '1 second'
         END
     WHERE scope = $1 AND key = $2`,
    [s.scope, s.key, s.limit, delay.base, delay.max],
  );
}

/**
 * Takes a successful sign-in's reservation back: the email's counter is cleared, the address's
 * loses the one failure it counted (others signing in from the same place are not blamed).
 *
 * @example
 * ```ts ignore
 * await attemptSucceeded(db, { scope: "email", key: email }, { scope: "address", key: ip });
 * ```
 */
export async function attemptSucceeded(
  db: Db,
  cleared: Pick<AttemptScope, "scope" | "key">,
  ...decremented: Pick<AttemptScope, "scope" | "key">[]
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query("DELETE FROM login_attempts WHERE scope = $1 AND key = $2", [
      cleared.scope,
      cleared.key,
    ]);
    for (const s of decremented) {
      await tx.query(
        `UPDATE login_attempts SET failures = greatest(0, failures - 1),
           blocked_until = CASE WHEN failures - 1 <= 0 THEN NULL ELSE blocked_until END
         WHERE scope = $1 AND key = $2`,
        [s.scope, s.key],
      );
    }
  });
}

/**
 * Forgets counters with no failure for a day.
 *
 * @example
 * ```ts ignore
 * await pruneAttempts(db);
 * ```
 */
export async function pruneAttempts(db: Queryable): Promise<void> {
  await db.query(
    `DELETE FROM login_attempts WHERE last_failure_at < now() - interval '1 day'
       AND (blocked_until IS NULL OR blocked_until < now())`,
  );
}
