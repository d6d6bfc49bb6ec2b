/**
 * Test helpers for the invalidation socket: sign in over HTTP, open `/ws` with a cookie and an
 * origin (Deno's `WebSocket` takes headers), and wait for frames or the close.
 *
 * @module
 */
import { parseServerFrame, type ServerFrame } from "../lib/model/frames.ts";
import type { Db } from "../lib/db/connection.ts";

/** An `event` frame. */
export type EventFrame = Extract<ServerFrame, { type: "event" }>;

// Deno's WebSocket takes request headers, an extension the DOM types (also loaded) lack.
const DenoWebSocket = WebSocket as unknown as new (
  url: string,
  options: { headers: Record<string, string> },
) => WebSocket;

/** An open test socket that records every frame it receives. */
export interface TestSocket {
  ws: WebSocket;
  frames: ServerFrame[];
  /** Resolves with the close event. */
  closed: Promise<CloseEvent>;
  /** Sends raw data. */
  send(data: string | ArrayBufferLike | Uint8Array<ArrayBuffer>): void;
  /** Resolves with the first frame (received already or later) that passes `test`. */
  waitFor(test: (frame: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  /** Resolves with the first event of `topic` numbered above `afterSeq`. */
  event(topic: string, afterSeq?: number, timeoutMs?: number): Promise<EventFrame>;
  /** The topics of the event frames received so far. */
  topics(): string[];
  /** Closes the socket and waits for the close. */
  close(): Promise<void>;
}

/** Signs in through `POST /login` and returns the `Cookie` header to send. */
export async function signInCookie(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    body: new URLSearchParams({ email, password: "beacon-demo" }),
  });
  await res.body?.cancel();
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 303 || !cookie) throw new Error(`Sign-in as ${email} answered ${res.status}`);
  return cookie;
}

/** A form POST to the server, from its own origin. */
export async function postForm(
  baseUrl: string,
  path: string,
  cookie: string,
  fields: Record<string, string>,
): Promise<Response> {
  const res = await fetch(baseUrl + path, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: baseUrl,
      cookie,
    },
    body: new URLSearchParams(fields),
  });
  await res.body?.cancel();
  return res;
}

/**
 * Opens `/ws` with the headers a browser of `origin` would send. Rejects when the upgrade is
 * refused; answers `hello` with `lastSeq` unless it is `null`.
 */
export async function openSocket(
  baseUrl: string,
  options: { cookie?: string; origin?: string | null; lastSeq?: number | null } = {},
): Promise<TestSocket> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  const origin = options.origin === undefined ? baseUrl : options.origin;
  if (origin !== null) headers.origin = origin;
  const ws = new DenoWebSocket(baseUrl.replace(/^http/, "ws") + "/ws", { headers });
  const frames: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  ws.onmessage = (event) => {
    const frame = parseServerFrame(String(event.data));
    if (!frame) throw new Error(`The server sent a frame outside the protocol: ${event.data}`);
    frames.push(frame);
    for (const wake of waiters) wake();
  };
  const closed = new Promise<CloseEvent>((resolve) => {
    ws.addEventListener("close", (event) => {
      resolve(event);
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error("The WebSocket upgrade was refused"));
  });
  let isClosed = false;
  closed.then(() => isClosed = true);
  const socket: TestSocket = {
    ws,
    frames,
    closed,
    send: (data) => ws.send(data),
    topics: () => frames.flatMap((f) => f.type === "event" ? [f.topic] : []),
    waitFor(test, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(test);
          if (found) return done(() => resolve(found));
          if (isClosed) done(() => reject(new Error("The socket closed while waiting")));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`No matching frame in ${timeoutMs} ms`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
    async event(topic, afterSeq = 0, timeoutMs) {
      const frame = await socket.waitFor(
        (f) => f.type === "event" && f.topic === topic && f.seq > afterSeq,
        timeoutMs,
      );
      return frame as EventFrame;
    },
    async close() {
      if (ws.readyState !== WebSocket.CLOSED) ws.close(1000);
      await closed;
    },
  };
  if (options.lastSeq !== null) {
    ws.send(JSON.stringify({ type: "hello", lastSeq: options.lastSeq ?? 0 }));
    await socket.waitFor((f) => f.type === "ready" || f.type === "resync");
  }
  return socket;
}

/** Acme's and Globex's first project with one of its tasks. */
export async function demoTasks(db: Db): Promise<Record<"acme" | "globex", ProjectTask>> {
  const rows = await db.query<ProjectTask & { slug: "acme" | "globex" }>(
    `SELECT DISTINCT ON (t.slug) t.slug, p.id AS project, k.id AS task
     FROM tenants t JOIN projects p ON p.tenant_id = t.id JOIN tasks k ON k.project_id = p.id
     ORDER BY t.slug, p.name, k.id`,
  );
  const bySlug = Object.fromEntries(rows.map((r) => [r.slug, r]));
  return { acme: bySlug.acme, globex: bySlug.globex };
}

/** A project and one of its tasks. */
export interface ProjectTask {
  project: string;
  task: string;
}

/** The highest sequence number in `cache_events`. */
export async function currentSeq(db: Db): Promise<number> {
  const [row] = await db.query<{ seq: unknown }>(
    "SELECT coalesce(max(seq), 0) AS seq FROM cache_events",
  );
  return Number(row.seq);
}
