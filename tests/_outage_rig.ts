/**
 * The rig of the PostgreSQL outage tests: a PostgreSQL cluster of the test's own, two app
 * instances (A and B) on it with one Redis and one `SESSION_SECRET`, Ada and Grace signed in,
 * a second Acme project that only the superuser writes to, and an operator's view of each
 * instance's `/healthz`.
 *
 * @module
 */
import { loadConfig } from "../lib/config.ts";
import { connect } from "../lib/db/connection.ts";
import { migrate } from "../lib/db/migrate.ts";
import { seedDemo } from "../lib/db/seed.ts";
import { type Server, startServer } from "../lib/server/server.ts";
import { deleteRedisKeys, TEST_REDIS_URL } from "./_app.ts";
import { TEST_SESSION_SECRET } from "./_db.ts";
import { PgCluster } from "./_pg_cluster.ts";
import { signInCookie } from "./_ws.ts";

/** The login role (and database) the instances connect as. */
export const APP_ROLE = "beacon_app";

/** One app instance. */
export interface Instance {
  name: "A" | "B";
  url: string;
  server: Server;
}

/** What an operator on loopback reads from `/healthz` (the fields the tests look at). */
export interface HealthReport {
  httpStatus: number;
  status: "ok" | "degraded" | "down";
  database: { ok: boolean; state: "up" | "down" };
  redis: { ok: boolean | "not configured"; breaker: "closed" | "open" | "half-open" };
  bus: { listener: string; lastSeq: number; running: boolean };
}

/** The rig; always `close()` it. */
export interface Rig {
  cluster: PgCluster;
  a: Instance;
  b: Instance;
  /** The Redis key prefix both instances use. */
  namespace: string;
  /** Session cookies, valid on both instances (sessions live in the database). */
  cookies: { ada: string; grace: string };
  /** Acme's demo project: read and written under load. */
  project: string;
  /** A task of {@linkcode Rig.project}. */
  task: string;
  /** A second Acme project: read under load, written only by the superuser. */
  quiet: string;
  /** Runs one statement as the superuser on the app's database. */
  sql(text: string): Promise<Record<string, unknown>[]>;
  /** The highest sequence number in `cache_events`. */
  maxSeq(): Promise<number>;
  close(): Promise<void>;
}

/** Options of {@linkcode createRig}. */
export interface RigOptions {
  /** The Redis both instances use. Default the tests' shared one, under a prefix of the rig's. */
  redisUrl?: string;
}

/**
 * Creates the cluster, migrates and seeds the app's database with a second Acme project, starts
 * A and B, and signs Ada and Grace in.
 */
export async function createRig(options: RigOptions = {}): Promise<Rig> {
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const cluster = await PgCluster.create();
  const servers: Server[] = [];
  const namespace = `beacon-outage-${crypto.randomUUID().slice(0, 8)}`;
  try {
    const url = await cluster.createAppDatabase(APP_ROLE);
    const setup = await connect({ url, max: 2 });
    try {
      await migrate(setup.forMaintenance());
      await seedDemo(setup.forMaintenance());
    } finally {
      await setup.close();
    }
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      SESSION_SECRET: TEST_SESSION_SECRET,
    });
    for (let i = 0; i < 2; i++) servers.push(await startServer(config, { seed: false, namespace }));
    const [a, b] = servers.map((server, i): Instance => ({
      name: i === 0 ? "A" : "B",
      url: server.url,
      server,
    }));
    const sql = (text: string) => cluster.sql(text, APP_ROLE);
    const [{ project, task }] = await sql(
      `SELECT p.id AS project, k.id AS task FROM projects p
       JOIN tenants t ON t.id = p.tenant_id JOIN tasks k ON k.project_id = p.id
       WHERE t.slug = 'acme' ORDER BY k.title LIMIT 1`,
    ) as { project: string; task: string }[];
    const cookies = {
      ada: await signInCookie(a.url, "ada@acme.test"),
      grace: await signInCookie(b.url, "grace@acme.test"),
    };
    const [{ quiet }] = await sql(
      `INSERT INTO projects (tenant_id, name, description)
       SELECT id, 'Quiet project', 'Written only from outside the app' FROM tenants
       WHERE slug = 'acme' RETURNING id AS quiet`,
    ) as { quiet: string }[];
    return {
      cluster,
      a,
      b,
      namespace,
      cookies,
      project,
      task,
      quiet,
      sql,
      async maxSeq() {
        const [row] = await sql("SELECT coalesce(max(seq), 0) AS seq FROM cache_events");
        return Number(row.seq);
      },
      async close() {
        for (const server of servers.reverse()) await server.close();
        await cluster.destroy();
        await deleteRedisKeys(redisUrl, `${namespace}:*`).catch(() => {});
      },
    };
  } catch (error) {
    for (const server of servers.reverse()) await server.close().catch(() => {});
    await cluster.destroy();
    throw error;
  }
}

/** `GET /healthz` as an operator: a real request to the instance on 127.0.0.1 (loopback). */
export async function healthOf(instance: Instance): Promise<HealthReport> {
  const res = await fetch(`${instance.url}/healthz`, { signal: AbortSignal.timeout(5000) });
  const body = await res.json();
  return { httpStatus: res.status, ...body };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Formats milliseconds for an `outage:` line. */
export function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
