/**
 * Steady database load for fault tests: workers that run reads and write transactions in a loop
 * and record when each call started, how long it took and how it ended, so a test can check
 * every call against a budget and report the figures.
 *
 * @module
 */
import type { Db } from "../lib/db/connection.ts";

/** One call the load made. Times are `performance.now()` milliseconds. */
export interface CallRecord {
  kind: "read" | "write";
  start: number;
  end: number;
  /** What it threw; absent when it succeeded. */
  error?: unknown;
}

/** Options of {@linkcode startLoad}. */
export interface LoadOptions {
  /** Calls in flight at once. Default 7. */
  workers?: number;
  /** Pause between one worker's calls. Default 10 ms. */
  pauseMs?: number;
  /** Every n-th call of a worker is a write transaction. Default 3. */
  writeEvery?: number;
}

/** A running load; `stop()` waits for the calls in flight. */
export interface Load {
  readonly calls: CallRecord[];
  stop(): Promise<void>;
}

/** The table the write transactions insert into; create it before starting the load. */
export const LOAD_TABLE_SQL = "CREATE TABLE IF NOT EXISTS load_beats (id bigserial PRIMARY KEY, " +
  "worker int NOT NULL, at timestamptz NOT NULL DEFAULT now())";

/**
 * Starts `workers` loops of reads (`SELECT count(*)`) and write transactions (an insert and a
 * read back).
 *
 * @example
 * ```ts ignore
 * await db.exec(LOAD_TABLE_SQL);
 * const load = startLoad(db);
 * await stopTheServerForAWhile();
 * await load.stop();
 * console.log(load.calls.length);
 * ```
 */
export function startLoad(db: Db, options: LoadOptions = {}): Load {
  const { workers = 7, pauseMs = 10, writeEvery = 3 } = options;
  const calls: CallRecord[] = [];
  let running = true;
  async function work(worker: number): Promise<void> {
    for (let i = 0; running; i++) {
      const kind = i % writeEvery === writeEvery - 1 ? "write" : "read";
      const start = performance.now();
      try {
        if (kind === "read") await db.query("SELECT count(*) AS n FROM load_beats");
        else await writeBeat(db, worker);
        calls.push({ kind, start, end: performance.now() });
      } catch (error) {
        calls.push({ kind, start, end: performance.now(), error });
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  const loops = Array.from({ length: workers }, (_, worker) => work(worker));
  return {
    calls,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function writeBeat(db: Db, worker: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: unknown }>(
      "INSERT INTO load_beats (worker) VALUES ($1) RETURNING id",
      [worker],
    );
    await tx.query("SELECT at FROM load_beats WHERE id = $1", [row.id]);
  });
}

/** The longest call among `calls`, in milliseconds (0 for none). */
export function slowest(calls: CallRecord[]): number {
  return calls.reduce((max, call) => Math.max(max, call.end - call.start), 0);
}

/** Formats milliseconds for a figures line. */
export function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
