/**
 * One query interface over postgres.js (a PostgreSQL server) and PGlite (embedded), so every
 * repository runs on both.
 *
 * @module
 */
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";

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

/** Options of {@linkcode connect}. */
export interface ConnectOptions {
  /** A `postgres://` URL; when absent the embedded database in `dataDir` is used. */
  url?: string;
  /** Folder of the embedded database; `memory://` keeps it in memory. Default `.data`. */
  dataDir?: string;
  /** Connections in the pool for a server. Default 10. */
  max?: number;
}

/**
 * Opens the database the configuration names.
 *
 * @example
 * ```ts
 * const db = await connect({ dataDir: "memory://" });
 * const [row] = await db.query<{ one: number }>("SELECT 1 AS one");
 * await db.close();
 * ```
 */
export async function connect(options: ConnectOptions = {}): Promise<Db> {
  if (options.url) return await connectServer(options.url, options.max ?? 10);
  return await connectEmbedded(options.dataDir ?? ".data");
}

async function connectServer(url: string, max: number): Promise<Db> {
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: 5,
    types: { bigint: postgres.BigInt },
    transform: { undefined: null },
  });
  // Fail at start-up, not on the first request.
  await sql`SELECT 1`;
  let count = 0;
  const run =
    (client: postgres.Sql | postgres.TransactionSql) =>
    async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
      count++;
      // deno-lint-ignore no-explicit-any
      const rows = await client.unsafe(text, params as any[]);
      return rows as unknown as T[];
    };
  const query = run(sql);
  return {
    kind: "postgres",
    get queryCount() {
      return count;
    },
    query,
    async exec(text) {
      count++;
      await sql.unsafe(text);
    },
    async transaction(fn) {
      return await sql.begin((tx) => fn({ query: run(tx) })) as Awaited<ReturnType<typeof fn>>;
    },
    async listen(channel, onNotify, onListen) {
      const sub = await sql.listen(channel, onNotify, onListen);
      return async () => await sub.unlisten();
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

async function connectEmbedded(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith("memory://")) await Deno.mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir);
  let count = 0;
  const run =
    (client: Pick<PGlite, "query">) =>
    async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
      count++;
      const result = await client.query<T>(text, params);
      return result.rows;
    };
  return {
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
      onListen?.();
      return async () => await unlisten();
    },
    async close() {
      await pg.close();
    },
  };
}
