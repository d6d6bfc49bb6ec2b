/**
 * One query interface over postgres.js (a PostgreSQL server) and PGlite (embedded), so every
 * repository runs on both. The server side fails fast when the server is gone and reports its
 * state (see `_postgres_db.ts`).
 *
 * @module
 */
import { PGlite } from "@electric-sql/pglite";
import type { AvailabilitySnapshot } from "./availability.ts";
import type { ListenerState, PgListenerOptions } from "./listener.ts";
import { connectServer } from "./_postgres_db.ts";

export { DatabaseUnavailableError, type UnavailableReason } from "./unavailable.ts";

/** Something that runs parameterised SQL: the database or an open transaction. */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** A connected database. */
export interface Db extends Queryable {
  /** `postgres` for a server reached by URL, `pglite` for the embedded one. */
  readonly kind: "postgres" | "pglite";
  /** Statements run so far, for tests that prove a path never touches the database. */
  readonly queryCount: number;
  /** Runs several statements separated by semicolons, without parameters. */
  exec(text: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Listens on a notification channel. `onListen` runs each time the listener is (re)connected,
   * so the caller can replay what it missed. Resolves to a function that stops listening.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>>;
  /** Closes every connection. */
  close(): Promise<void>;
}

/** The connection layer's own view of the database, for `/healthz`. */
export interface DatabaseHealth extends AvailabilitySnapshot {
  /** `postgres` or `pglite`. */
  kind: "postgres" | "pglite";
  /** Connections in use and calls waiting for one. */
  pool: { size: number; inUse: number; waiting: number };
  /** The LISTEN connection's state; `null` until something listens. */
  listener: ListenerState | null;
}

/** A connected database that also reports its health. What {@linkcode connect} returns. */
export interface Database extends Db {
  /**
   * The state the connection layer has seen: `down` while calls fail at once because the
   * server failed moments ago and has not answered a probe since; the LISTEN connection's state.
   */
  health(): DatabaseHealth;
  /**
   * The same database for migrations and other long work: statements have no time limit. It
   * shares this database's connections; closing it closes nothing.
   */
  forMaintenance(): Db;
}

/** Options of {@linkcode connect}. */
export interface ConnectOptions {
  /** A `postgres://` URL; when absent the embedded database in `dataDir` is used. */
  url?: string;
  /** Folder of the embedded database; `memory://` keeps it in memory. Default `.data`. */
  dataDir?: string;
  /** Connections in the pool for a server. Default 10. */
  max?: number;
  /**
   * The longest a server statement may keep its caller waiting, including the wait for a
   * connection; past it the call fails with {@linkcode DatabaseUnavailableError}. Default 1000 ms;
   * 0 for none.
   */
  timeoutMs?: number;
  /** The server's `statement_timeout`, a little under `timeoutMs`. Default 800 ms; 0 for none. */
  statementTimeoutMs?: number;
  /** How long opening a server connection may take. Default 1000 ms. */
  connectTimeoutMs?: number;
  /** Consecutive failures blaming the server after which calls fail at once. Default 2. */
  failureThreshold?: number;
  /** How often a server that counts as down is probed with a fresh connection. Default 250 ms. */
  probeIntervalMs?: number;
  /** Options of the LISTEN connection. */
  listener?: ListenerConnectOptions;
}

/** Options of the LISTEN connection of a server database. */
export interface ListenerConnectOptions extends PgListenerOptions {
  /**
   * The `postgres://` URL LISTEN connects to. LISTEN needs a session of its own that lives as
   * long as the listener, which a pooler in transaction mode (PgBouncer's `pool_mode =
   * transaction`) cannot give: point this at the server or a session-mode pool. Default: `url`.
   */
  url?: string;
}

/**
 * Opens the database the configuration names. For a server, calls fail within `timeoutMs` with
 * {@linkcode DatabaseUnavailableError} when it cannot serve them, and LISTEN runs on a connection
 * of its own that reconnects within a second of the server coming back.
 *
 * @example
 * ```ts
 * const db = await connect({ dataDir: "memory://" });
 * const [row] = await db.query<{ one: number }>("SELECT 1 AS one");
 * db.health().status; // "up"
 * await db.close();
 * ```
 */
export async function connect(options: ConnectOptions = {}): Promise<Database> {
  if (options.url) return await connectServer(options.url, options);
  return await connectEmbedded(options.dataDir ?? ".data");
}

async function connectEmbedded(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) await Deno.mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir);
  const openedAt = Date.now();
  let count = 0;
  let lastSuccessAt: number | null = null;
  const channels: string[] = [];
  let listeningSince = openedAt;
  const run =
    (client: Pick<PGlite, "query">) =>
    async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
      count++;
      const result = await client.query<T>(text, params);
      lastSuccessAt = Date.now();
      return result.rows;
    };
  const db: Database = {
    kind: "pglite",
    get queryCount() {
      return count;
    },
    query: run(pg),
    async exec(text) {
      count++;
      await pg.exec(text);
    },
    async transaction(fn) {
      return await pg.transaction((tx) => fn({ query: run(tx) }));
    },
    async listen(channel, onNotify, onListen) {
      const unlisten = await pg.listen(channel, onNotify);
      if (channels.push(channel) === 1) listeningSince = Date.now();
      onListen?.();
      let listening = true;
      return async () => {
        if (!listening) return;
        listening = false;
        channels.splice(channels.indexOf(channel), 1);
        await unlisten();
      };
    },
    health() {
      return {
        kind: "pglite",
        status: "up",
        since: openedAt,
        lastSuccessAt,
        lastFailureAt: null,
        lastError: null,
        consecutiveFailures: 0,
        probes: 0,
        pool: { size: 1, inUse: 0, waiting: 0 },
        listener: channels.length === 0 ? null : {
          status: "connected",
          since: listeningSince,
          lastConnectedAt: listeningSince,
          reconnects: 0,
          failedAttempts: 0,
          lastError: null,
          channels: [...new Set(channels)],
        },
      };
    },
    forMaintenance() {
      // The embedded database has no time limits; only closing must not reach it.
      return {
        kind: "pglite",
        get queryCount() {
          return count;
        },
        query: db.query,
        exec: db.exec,
        transaction: db.transaction,
        listen: db.listen,
        close: async () => {},
      };
    },
    async close() {
      await pg.close();
    },
  };
  return db;
}
