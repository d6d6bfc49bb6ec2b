/**
 * Starting Beacon: configuration → database → app → `Deno.serve`. Used by `main.ts` and by
 * tests that need a real server on a port.
 *
 * @module
 */
import { createApp } from "./app.tsx";
import type { Config } from "../config.ts";
import { connect, type Database } from "../db/connection.ts";
import { migrate } from "../db/migrate.ts";
import { seedDemo } from "../db/seed.ts";
import { assemble } from "../app/assemble.ts";
import { ensureBuild } from "../islands/mod.ts";
import { embeddedSessionSecret } from "./session_secret.ts";

/** A running instance. */
export interface Server {
  /** The address it listens on, like `http://127.0.0.1:8000`. */
  url: string;
  db: Database;
  /** Whether the demo accounts are listed (demo data on the embedded database). */
  demoSignIns: boolean;
  /** Stops serving and closes every connection. */
  close(): Promise<void>;
}

/** Options of {@linkcode startServer}. */
export interface StartOptions {
  /** Prints progress lines; silent by default. */
  log?: (line: string) => void;
  /** Seed the demo data when the database has none. Default: only for the embedded database. */
  seed?: boolean;
  /**
   * Cache key namespace and Redis key prefix. Instances that share a database share it too.
   * Default `beacon`.
   */
  namespace?: string;
}

/**
 * Starts Beacon with a configuration: applies pending migrations, seeds an empty embedded
 * database, builds the island bundles if the sources changed, and listens.
 *
 * @example
 * ```ts ignore
 * const server = await startServer(loadConfig({ PORT: "0" }));
 * await fetch(server.url + "/login");
 * await server.close();
 * ```
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<Server> {
  const log = options.log ?? (() => {});
  if (!config.databaseUrl && !config.sessionSecret) {
    config = { ...config, sessionSecret: await embeddedSessionSecret(config.dataDir) };
  }
  const db = await connect({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    listener: { url: config.listenDatabaseUrl },
  });
  try {
    const applied = await migrate(db.forMaintenance());
    if (applied.length) {
      log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(", ")}`);
    }
    if (options.seed ?? !config.databaseUrl) {
      if (await seedDemo(db.forMaintenance())) log("Seeded the demo data");
    }
    const build = await ensureBuild();
    const assembly = await assemble(config, db, {
      buildId: build.id,
      namespace: options.namespace,
      buildImports: build.manifest.imports,
      onError: (error) => log(`Handled: ${error instanceof Error ? error.message : error}`),
    });
    log(
      config.cache
        ? `Cache: L1 in process, L2 ${
          config.redisCluster
            ? "Redis Cluster at the nodes REDIS_URL lists"
            : config.redisUrl
            ? "Redis at REDIS_URL"
            : "in-process store (set REDIS_URL for Redis)"
        }`
        : "Cache: off (CACHE=off, the uncached baseline)",
    );
    const app = createApp(assembly.deps);
    const server = Deno.serve({
      hostname: config.host,
      port: config.port,
      onListen() {},
    }, assembly.deps.revalidations.wrap(app.fetch));
    const { hostname, port } = server.addr;
    const host = hostname.includes(":") ? `[${hostname}]` : hostname;
    return {
      url: `http://${host}:${port}`,
      db,
      demoSignIns: assembly.deps.demoSignIns,
      async close() {
        await server.shutdown();
        await assembly.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
