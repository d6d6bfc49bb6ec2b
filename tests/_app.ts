/**
 * Test helpers: the app on a fresh database, and signing in as a demo user.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Hono } from "hono";
import { createClient } from "redis";
import { createApp } from "../lib/server/app.tsx";
import { loadConfig } from "../lib/config.ts";
import type { AppEnv } from "../lib/app/deps.ts";
import type { ProjectDashboard } from "../lib/model/types.ts";
import { assemble, type Assembly } from "../lib/app/assemble.ts";
import { createTestDb, type TestDb, type TestDbOptions } from "./_db.ts";

/** Options of {@linkcode createTestApp}. */
export interface TestAppOptions extends TestDbOptions {
  /** Environment for the configuration, e.g. `{ CACHE: "off" }` or `{ REDIS_URL }`. */
  env?: Record<string, string>;
}

/** The app on its own database. */
export interface TestApp extends TestDb {
  app: Hono<AppEnv>;
  assembly: Assembly;
  /** The cache's key namespace and Redis key prefix for this app. */
  namespace: string;
  /** Sends a request to the app; a path is resolved against `http://localhost`. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Signs in a demo user and returns the `Cookie` header to send. */
  login(email: string): Promise<string>;
  /** The id of a tenant's first project. */
  projectId(tenantSlug: string): Promise<string>;
}

/** The Redis integration tests use; each app gets its own key prefix. */
export const TEST_REDIS_URL = Deno.env.get("TEST_REDIS_URL") ?? "redis://127.0.0.1:6379";

/** Deletes the keys matching a pattern (a test run's prefix). */
export async function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 500 })) {
      if (keys.length) await client.del(keys);
    }
  } finally {
    client.destroy();
  }
}

/** The origin tests send requests from. */
export const ORIGIN = "http://localhost";

/** Creates the app on a fresh, seeded database. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const t = await createTestDb(options);
  const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, ...options.env });
  const namespace = `beacon-test-${crypto.randomUUID().slice(0, 8)}`;
  const assembly = await assemble(config, t.db, { buildId: "test", namespace });
  const app = createApp(assembly.deps);
  // As `Deno.serve` calls it: remembered 304s are answered in front of the router.
  const handler = assembly.deps.revalidations.wrap(app.fetch);
  const request = (path: string, init?: RequestInit) =>
    Promise.resolve(handler(new Request(new URL(path, ORIGIN).href, init)));
  return {
    ...t,
    assembly,
    namespace,
    async drop() {
      await assembly.close();
      await t.drop();
      if (config.redisUrl) await deleteRedisKeys(config.redisUrl, `${namespace}:*`);
    },
    app,
    request,
    async login(email) {
      const res = await request("/login", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
        body: new URLSearchParams({ email, password: "beacon-demo" }),
      });
      await res.body?.cancel();
      if (res.status !== 303) throw new Error(`Sign-in as ${email} answered ${res.status}`);
      const cookie = res.headers.get("set-cookie")?.split(";")[0];
      if (!cookie) throw new Error("Sign-in set no cookie");
      return cookie;
    },
    async projectId(slug) {
      const [row] = await t.db.query<{ id: string }>(
        `SELECT p.id FROM projects p JOIN tenants t ON t.id = p.tenant_id
         WHERE t.slug = $1 ORDER BY p.name LIMIT 1`,
        [slug],
      );
      return row.id;
    },
  };
}

/** A form POST from the app's own origin. */
export function formPost(
  cookie: string | null,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: ORIGIN,
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: new URLSearchParams(fields),
  };
}

/** What a client keeps of a response: status, headers and the body as text. */
export interface Reply {
  status: number;
  headers: Headers;
  body: string;
}

/** Sends a request (no redirects followed) and reads the whole body, so none is left open. */
export async function send(
  t: TestApp,
  path: string,
  cookie: string | null,
  headers: HeadersInit = {},
  method = "GET",
): Promise<Reply> {
  const sent = new Headers(headers);
  if (cookie) sent.set("cookie", cookie);
  const res = await t.request(path, { method, headers: sent, redirect: "manual" });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** A form POST (no redirects followed): its status, `Location` and body. */
export async function postAndRead(
  t: TestApp,
  cookie: string | null,
  path: string,
  fields: Record<string, string>,
): Promise<{ status: number; location: string | null; body: string }> {
  const res = await t.request(path, formPost(cookie, fields));
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

/** A project's dashboard as `GET /api/projects/:id` answers it (asserted to be a 200). */
export async function dashboardOf(
  t: TestApp,
  cookie: string,
  id: string,
): Promise<ProjectDashboard> {
  const reply = await send(t, `/api/projects/${id}`, cookie);
  assert.equal(reply.status, 200, `GET /api/projects/${id}`);
  return JSON.parse(reply.body);
}

/** The ETag a fresh 200 carries. */
export async function etagOf(t: TestApp, path: string, cookie: string): Promise<string> {
  const reply = await send(t, path, cookie);
  assert.equal(reply.status, 200, `GET ${path} is 200`);
  const etag = reply.headers.get("etag");
  assert.ok(etag, `GET ${path} carries an ETag`);
  return etag;
}

/** A task of the project still to do (the first by title), to change in a write. */
export async function todoTask(
  t: TestDb,
  projectId: string,
): Promise<{ id: string; title: string }> {
  const [task] = await t.db.query<{ id: string; title: string }>(
    `SELECT id, title FROM tasks WHERE project_id = $1 AND status = 'todo'
     ORDER BY title LIMIT 1`,
    [projectId],
  );
  assert.ok(task, "the project has a task to do");
  return task;
}
