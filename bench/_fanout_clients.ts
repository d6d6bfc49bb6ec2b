/**
 * The fan-out bench's watchers: each one is the page's own live store (`lib/store`), as a
 * dashboard page runs it, with `fetch` and `WebSocket` that add what the browser would (the
 * session cookie, `Origin`) plus the simulated client address in `X-Forwarded-For`. So each
 * watcher speaks the page's protocol exactly: one socket, `hello` with the last sequence number
 * the page was rendered with, events, and one `POST /api/batch` with the ETags it holds per
 * burst.
 *
 * @module
 */
import { LiveStore } from "../lib/store/store.ts";
import { createDashboardHandle, type DashboardResource } from "../lib/store/dashboard.ts";
import { createContextHandle } from "../lib/store/context.ts";
import type { ProjectDashboard } from "../lib/model/types.ts";
import type { ContextJson } from "../lib/model/context.ts";

/** A signed-in session and what its page was rendered with. */
export interface WatcherSession {
  cookie: string;
  dashboard: { body: ProjectDashboard; etag: string };
  context: { body: ContextJson; etag: string };
}

/** What a watcher is waiting to see: a task's new status. */
export interface Expectation {
  taskId: string;
  status: string;
}

// Deno's WebSocket takes request headers, an extension the DOM types lack.
const DenoWebSocket = WebSocket as unknown as new (
  url: string,
  options: { headers: Record<string, string> },
) => WebSocket;

/**
 * One simulated page.
 *
 * @example
 * ```ts ignore
 * const watcher = new Watcher({ baseUrl, projectPath, session, seq, address: "198.18.0.7" });
 * await watcher.live();
 * watcher.expect({ taskId, status: "done" });
 * await watcher.seen; // epoch ms when the store held the new data
 * ```
 */
export class Watcher {
  readonly store: LiveStore;
  readonly resource: DashboardResource;
  /** When the store held the expected data (epoch ms), or null until then. */
  seenAt: number | null = null;
  #expectation: Expectation | null = null;
  #onSeen: (() => void) | null = null;

  constructor(options: {
    baseUrl: string;
    session: WatcherSession;
    seq: number;
    address: string;
  }) {
    const { baseUrl, session, address } = options;
    const headers = { cookie: session.cookie, origin: baseUrl, "x-forwarded-for": address };
    const clientFetch: typeof fetch = (input, init) => {
      const sent = new Headers(init?.headers);
      for (const [name, value] of Object.entries(headers)) sent.set(name, value);
      return fetch(new URL(String(input), baseUrl), { ...init, headers: sent });
    };
    const socketUrl = `${baseUrl.replace(/^http/, "ws")}/ws`;
    class PageWebSocket extends DenoWebSocket {
      constructor(url: string) {
        super(url, { headers });
      }
    }
    this.store = new LiveStore({
      fetch: clientFetch,
      WebSocket: PageWebSocket as unknown as typeof WebSocket,
      socketUrl,
      storage: null,
    });
    const handle = createDashboardHandle(session.dashboard.body, {
      etag: session.dashboard.etag,
      seq: options.seq,
      context: createContextHandle(session.context.body, session.context.etag),
    });
    this.resource = this.store.adoptDashboard(handle);
    const receive = this.resource.receive.bind(this.resource);
    this.resource.receive = (body, etag) => {
      const changed = receive(body, etag);
      this.#check(body);
      return changed;
    };
  }

  /** Resolves once the socket is live (said hello and got `ready`). */
  async live(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.store.connection.value !== "live") {
      if (Date.now() > deadline) {
        throw new Error(
          `A watcher's socket is ${this.store.connection.value} after ${timeoutMs} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Starts waiting for a task's new status; `seenAt` is set when the store holds it. */
  expect(expectation: Expectation, onSeen: () => void): void {
    this.#expectation = expectation;
    this.#onSeen = onSeen;
    this.seenAt = null;
    this.#check(this.resource.snapshot());
  }

  #check(body: ProjectDashboard): void {
    const expected = this.#expectation;
    if (!expected || this.seenAt !== null) return;
    for (const phase of body.phases) {
      for (const task of phase.tasks) {
        if (task.id !== expected.taskId) continue;
        if (task.status !== expected.status) return;
        this.seenAt = performance.timeOrigin + performance.now();
        this.#onSeen?.();
        return;
      }
    }
  }
}

/**
 * Signs in through nginx (the form a browser posts) and reads what the dashboard page would
 * have been rendered with: the API data and ETags of the project and the context.
 */
export async function signInWatcher(
  baseUrl: string,
  email: string,
  address: string,
  projectPath: string,
): Promise<WatcherSession> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: baseUrl,
      "x-forwarded-for": address,
    },
    body: new URLSearchParams({ email, password: "beacon-demo" }),
  });
  await res.body?.cancel();
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 303 || !cookie) throw new Error(`Sign-in as ${email} answered ${res.status}`);
  const read = async <T>(path: string) => {
    const answer = await fetch(baseUrl + path, {
      headers: { cookie, accept: "application/json", "x-forwarded-for": address },
    });
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
    return { body: await answer.json() as T, etag: answer.headers.get("etag") ?? "" };
  };
  return {
    cookie,
    dashboard: await read<ProjectDashboard>(projectPath),
    context: await read<ContextJson>("/api/context"),
  };
}

/** A simulated client address per watcher, from the benchmarking range 198.18.0.0/15. */
export function watcherAddress(index: number): string {
  return `198.18.${(index >> 8) & 255}.${index & 255}`;
}
