/**
 * The server side of `connect()`: postgres.js tuned so an outage costs callers at most a second
 * and recovery is immediate.
 *
 * - Its default reconnect delay grows as `3^retries / 100` s (capped at 20 s) on one counter
 *   shared by the whole pool, and queued queries wait behind it with no limit: after a 5 s outage
 *   calls took up to 17 s. Here the delay stays under 50 ms, connecting may take 1 s, and the
 *   server ends a statement after `statementTimeoutMs`.
 * - Every call has a deadline covering its wait for a connection and its answer. Calls wait for a
 *   connection here (see `_slots.ts`), where the deadline can withdraw them, not in the driver's
 *   queue, which would run them after their caller gave up.
 * - After consecutive failures that blame the server, calls fail at once while a fresh
 *   connection probes the server every 250 ms (see `availability.ts`).
 * - LISTEN runs on a connection of its own (see `listener.ts`); its reconnect counts as the
 *   server being back.
 *
 * @module
 */
import postgres from "postgres";
import type { ConnectOptions, Database, DatabaseHealth, Db, Queryable } from "./connection.ts";
import { Availability } from "./availability.ts";
import { Deadline } from "./_deadline.ts";
import { PgListener } from "./listener.ts";
import { Slots } from "./_slots.ts";
import { asUnavailable, DatabaseUnavailableError } from "./unavailable.ts";

interface Limits {
  /** The caller's deadline per statement (and for starting a transaction); 0 none. */
  timeoutMs: number;
  /** Run with `statement_timeout` 0, in a transaction of its own when not in one. */
  maintenance: boolean;
}

/**
 * Opens a pool on the server at `url` and checks it answers.
 *
 * @throws {DatabaseUnavailableError} When it does not.
 */
export async function connectServer(url: string, options: ConnectOptions): Promise<Database> {
  const db = new PostgresDb(url, options);
  try {
    // Fail at start-up, not on the first request.
    await db.query("SELECT 1");
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** A pool with deadlines, fail-fast while the server is down, and its own LISTEN connection. */
class PostgresDb implements Database {
  readonly kind = "postgres" as const;
  #url: string;
  #options: ConnectOptions;
  #sql: postgres.Sql<{ bigint: bigint }>;
  #size: number;
  #timeoutMs: number;
  #connectTimeoutMs: number;
  #count = 0;
  #slots: Slots;
  #availability: Availability;
  #listener?: PgListener;
  #closed = false;

  constructor(url: string, options: ConnectOptions) {
    this.#url = url;
    this.#options = options;
    this.#size = options.max ?? 10;
    this.#timeoutMs = options.timeoutMs ?? 1000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 1000;
    const statementTimeoutMs = options.statementTimeoutMs ?? 800;
    this.#sql = postgres(url, {
      max: this.#size,
      onnotice: () => {},
      connect_timeout: this.#connectTimeoutMs / 1000,
      backoff: reconnectDelaySeconds,
      types: { bigint: postgres.BigInt },
      transform: { undefined: null },
      connection: {
        application_name: "beacon",
        ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
      },
    });
    this.#slots = new Slots(this.#size);
    this.#availability = new Availability(() => probe(url, this.#connectTimeoutMs), {
      failureThreshold: options.failureThreshold,
      probeIntervalMs: options.probeIntervalMs,
      onDown: () => this.#slots.refuseWaiting(this.#availability.downError()),
    });
  }

  get queryCount(): number {
    return this.#count;
  }

  query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return this.#query<T>(text, params, { timeoutMs: this.#timeoutMs, maintenance: false });
  }

  async exec(text: string): Promise<void> {
    await this.query(text);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#transaction(fn, { timeoutMs: this.#timeoutMs, maintenance: false });
  }

  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>> {
    if (!this.#listener) {
      this.#listener = new PgListener(this.#url, {
        ...this.#options.listener,
        connectTimeoutMs: this.#options.listener?.connectTimeoutMs ?? this.#connectTimeoutMs,
      });
      // LISTEN re-established on a fresh connection: the server takes logins again.
      this.#listener.onReconnect(() => this.#availability.succeeded());
    }
    return this.#listener.listen(channel, onNotify, onListen);
  }

  health(): DatabaseHealth {
    return {
      kind: "postgres",
      ...this.#availability.snapshot(),
      pool: { size: this.#size, inUse: this.#slots.inUse, waiting: this.#slots.waiting },
      listener: this.#listener?.state() ?? null,
    };
  }

  forMaintenance(): Db {
    const limits: Limits = { timeoutMs: 0, maintenance: true };
    const count = () => this.#count;
    const query = <T>(text: string, params: unknown[] = []) =>
      this.#transaction((tx) => tx.query<T>(text, params), limits);
    return {
      kind: "postgres",
      get queryCount() {
        return count();
      },
      query,
      exec: async (text) => {
        await query(text);
      },
      transaction: (fn) => this.#transaction(fn, limits),
      listen: (channel, onNotify, onListen) => this.listen(channel, onNotify, onListen),
      close: async () => {},
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#availability.close();
    this.#slots.refuseWaiting(closedError());
    await this.#listener?.close();
    await this.#sql.end({ timeout: 5 });
  }

  async #query<T>(text: string, params: unknown[], limits: Limits): Promise<T[]> {
    const deadline = this.#deadline(limits.timeoutMs);
    try {
      const release = await this.#acquire(deadline);
      this.#count++;
      const pending = this.#sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      // The connection is busy until the driver is done, even when the caller gave up earlier.
      pending.then(release, release);
      return await this.#answer(pending, deadline) as T[];
    } finally {
      deadline.clear();
    }
  }

  async #transaction<T>(fn: (tx: Queryable) => Promise<T>, limits: Limits): Promise<T> {
    // Bounds the wait for a connection and for BEGIN; disarmed once inside.
    const start = this.#deadline(limits.timeoutMs);
    const release = await this.#acquire(start).catch((error) => {
      start.clear();
      throw error;
    });
    let abandonedWith: DatabaseUnavailableError | undefined;
    let abandon!: (error: DatabaseUnavailableError) => void;
    const abandoned = new Promise<never>((_, reject) => {
      abandon = (error) => {
        abandonedWith ??= error;
        reject(error);
      };
    });
    abandoned.catch(() => {});
    start.signal.addEventListener("abort", () => {
      this.#availability.failed(start.signal.reason);
      abandon(start.signal.reason);
    });
    const begun = this.#sql.begin(async (sql) => {
      start.clear();
      // Started after its caller gave up: run nothing.
      if (abandonedWith) throw abandonedWith;
      if (limits.maintenance) await sql.unsafe("SET LOCAL statement_timeout = 0");
      return await fn({
        query: (text, params) => this.#inTransaction(sql, text, params ?? [], limits, abandon),
      });
    });
    begun.then(release, release);
    try {
      const result = await Promise.race([begun, abandoned]) as T;
      this.#availability.succeeded();
      return result;
    } catch (error) {
      throw this.#failure(error);
    } finally {
      start.clear();
    }
  }

  async #inTransaction<T>(
    sql: postgres.TransactionSql<{ bigint: bigint }>,
    text: string,
    params: unknown[],
    limits: Limits,
    abandon: (error: DatabaseUnavailableError) => void,
  ): Promise<T[]> {
    this.#count++;
    const deadline = this.#deadline(limits.timeoutMs);
    try {
      const pending = sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return await this.#answer(pending, deadline) as T[];
    } catch (error) {
      // No answer: ROLLBACK would wait for the same server, so the caller does not.
      if (error instanceof DatabaseUnavailableError && error.reason === "timeout") abandon(error);
      throw error;
    } finally {
      deadline.clear();
    }
  }

  /** A connection slot within the deadline; refused at once while the server counts as down. */
  async #acquire(deadline: Deadline): Promise<() => void> {
    if (this.#closed) throw closedError();
    this.#availability.admit();
    let release: () => void;
    try {
      release = await this.#slots.acquire(deadline.signal);
    } catch (error) {
      if (error instanceof DatabaseUnavailableError && error.reason === "timeout") {
        throw new DatabaseUnavailableError("overloaded", "no connection came free in time");
      }
      throw error;
    }
    if (this.#availability.isDown) {
      release();
      throw this.#availability.downError();
    }
    return release;
  }

  async #answer(pending: Promise<unknown>, deadline: Deadline): Promise<unknown> {
    pending.catch(() => {});
    try {
      const result = await deadline.race(pending);
      this.#availability.succeeded();
      return result;
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) {
        // The deadline's: no answer in time.
        this.#availability.failed(error);
        throw error;
      }
      throw this.#failure(error);
    }
  }

  /**
   * Records a driver's failure and turns one about the connection into the one error class. A
   * {@linkcode DatabaseUnavailableError} passes as it is: it was recorded where it was made.
   */
  #failure(error: unknown): unknown {
    if (error instanceof DatabaseUnavailableError) return error;
    const unavailable = asUnavailable(error);
    if (unavailable) {
      this.#availability.failed(unavailable);
      return unavailable;
    }
    // The server answered: the statement was wrong, not the server.
    if (error instanceof postgres.PostgresError) this.#availability.succeeded();
    return error;
  }

  #deadline(timeoutMs: number): Deadline {
    return new Deadline(
      timeoutMs,
      () => new DatabaseUnavailableError("timeout", `no answer within ${timeoutMs} ms`),
    );
  }
}

/** postgres.js's reconnect delay, in seconds: short, whatever the number of failures. */
function reconnectDelaySeconds(): number {
  return 0.01 + Math.random() * 0.04;
}

/** Opens a fresh connection and runs `SELECT 1`; throws {@linkcode DatabaseUnavailableError}. */
async function probe(url: string, connectTimeoutMs: number): Promise<void> {
  const sql = postgres(url, {
    max: 1,
    connect_timeout: connectTimeoutMs / 1000,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: "beacon-probe" },
  });
  const deadline = new Deadline(
    connectTimeoutMs,
    () => new DatabaseUnavailableError("timeout", `no answer within ${connectTimeoutMs} ms`),
  );
  try {
    await deadline.race(sql.unsafe("SELECT 1"));
  } catch (error) {
    throw asUnavailable(error) ?? error;
  } finally {
    deadline.clear();
    await sql.end({ timeout: 0 }).catch(() => {});
  }
}

function closedError(): DatabaseUnavailableError {
  return new DatabaseUnavailableError("closed", "the connection pool is closed");
}
