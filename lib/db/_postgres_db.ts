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
import { isEndedSession } from "./_ended_session.ts";
import { probeServer } from "./_probe.ts";
import { Slots } from "./_slots.ts";
import { TransactionGuard } from "./_transaction_guard.ts";
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
    this.#availability = new Availability(() => probeServer(url, this.#connectTimeoutMs), {
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
    if (this.#closed) return Promise.reject(closedError());
    if (!this.#listener) {
      const { url = this.#url, ...options } = this.#options.listener ?? {};
      this.#listener = new PgListener(url, {
        ...options,
        connectTimeoutMs: this.#options.listener?.connectTimeoutMs ?? this.#connectTimeoutMs,
      });
      // LISTEN re-established on a fresh connection: the server takes logins again (when it
      // listens on the pool's own server, not through a separate LISTEN_DATABASE_URL).
      if (url === this.#url) this.#listener.onReconnect(() => this.#availability.succeeded());
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
    // Waits for calls in flight, then closes at once: a connection that broke under a statement
    // keeps that statement in postgres.js 3.4.9 and would hold a graceful end() for its timeout.
    const deadline = performance.now() + 5000;
    while (this.#slots.inUse > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.#sql.end({ timeout: 0 });
  }

  async #query<T>(text: string, params: unknown[], limits: Limits): Promise<T[]> {
    const deadline = this.#deadline(limits.timeoutMs);
    try {
      for (let attempt = 1;; attempt++) {
        const release = await this.#acquire(deadline);
        this.#count++;
        const pending = this.#sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
        // The connection is busy until the driver is done, even when the caller gave up earlier.
        pending.then(release, release);
        try {
          return await this.#answer(pending, deadline) as T[];
        } catch (error) {
          if (attempt < this.#size && isEndedSession(error)) continue;
          throw error;
        }
      }
    } catch (error) {
      throw this.#failure(error);
    } finally {
      deadline.clear();
    }
  }

  async #transaction<T>(fn: (tx: Queryable) => Promise<T>, limits: Limits): Promise<T> {
    // Each phase has a deadline: the wait for a connection and BEGIN, each statement, COMMIT.
    const start = this.#deadline(limits.timeoutMs);
    try {
      for (let attempt = 1;; attempt++) {
        const guard = new TransactionGuard();
        try {
          return await this.#transactionOnce(fn, limits, start, guard);
        } catch (error) {
          const failure = guard.connectionError ?? error;
          if (!guard.entered && attempt < this.#size && isEndedSession(failure)) continue;
          throw failure;
        }
      }
    } catch (error) {
      // The outcome is recorded once, here, whichever step failed.
      throw this.#failure(error);
    } finally {
      start.clear();
    }
  }

  async #transactionOnce<T>(
    fn: (tx: Queryable) => Promise<T>,
    limits: Limits,
    start: Deadline,
    guard: TransactionGuard,
  ): Promise<T> {
    const release = await this.#acquire(start);
    this.#abandonOnExpiry(start, guard);
    let commit: Deadline | undefined;
    const begun = this.#sql.begin((sql) =>
      guard.body(async () => {
        start.clear();
        if (limits.maintenance) await sql.unsafe("SET LOCAL statement_timeout = 0");
        const result = await fn({
          query: (text, params) => this.#inTransaction(sql, text, params ?? [], limits, guard),
        });
        guard.check();
        commit = this.#deadline(limits.timeoutMs);
        this.#abandonOnExpiry(commit, guard);
        return result;
      })
    );
    begun.then(release, (error) => {
      guard.observe(error);
      release();
    });
    begun.finally(() => commit?.clear()).catch(() => {});
    const result = await Promise.race([begun, guard.abandoned]) as T;
    this.#availability.succeeded();
    return result;
  }

  #abandonOnExpiry(deadline: Deadline, guard: TransactionGuard): void {
    deadline.signal.addEventListener("abort", () => guard.abandon(deadline.signal.reason));
  }

  async #inTransaction<T>(
    sql: postgres.TransactionSql<{ bigint: bigint }>,
    text: string,
    params: unknown[],
    limits: Limits,
    guard: TransactionGuard,
  ): Promise<T[]> {
    guard.check();
    this.#count++;
    const deadline = this.#deadline(limits.timeoutMs);
    try {
      const pending = sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return await this.#answer(pending, deadline) as T[];
    } catch (error) {
      guard.observe(error);
      // No answer: ROLLBACK would wait for the same server, so the caller does not.
      if (error instanceof DatabaseUnavailableError && error.reason === "timeout") {
        guard.abandon(error);
      }
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

  /** The statement's rows, or its error as {@linkcode DatabaseUnavailableError} when it is one. */
  async #answer(pending: Promise<unknown>, deadline: Deadline): Promise<unknown> {
    pending.catch(() => {});
    try {
      const result = await deadline.race(pending);
      this.#availability.succeeded();
      return result;
    } catch (error) {
      throw asUnavailable(error) ?? error;
    }
  }

  /** Records how a call failed; the one place failures are counted, once per call. */
  #failure(error: unknown): unknown {
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

function closedError(): DatabaseUnavailableError {
  return new DatabaseUnavailableError("closed", "the connection pool is closed");
}
