/**
 * The fan-out bench's watchers: each one is the page's own live store (`lib/store`), as a
 * dashboard page runs it, with `fetch` and `WebSocket` that add what the browser would (the
 * session cookie, `Origin`) plus the simulated client address in `X-Forwarded-For`; `fetch`
 * is a lean HTTP/1.1 client on a keep-alive connection of its own (`_http1.ts`). So each
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
import { http1Fetch } from "./_http1.ts";

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
  /** Answers taken whole (`receive`) and as patches (`patch`), since the start. */
  taken = { whole: 0, patches: 0 };
  /** When, since the last `expect`, the event came, the batch left and its answer came. */
  marks: { event: number | null; sent: number | null; answered: number | null } = {
    event: null,
    sent: null,
    answered: null,
  };

  constructor(options: {
    baseUrl: string;
    session: WatcherSession;
    seq: number;
    address: string;
  }) {
    const { baseUrl, session, address } = options;
    const headers = { cookie: session.cookie, origin: baseUrl, "x-forwarded-for": address };
    const pageFetch = http1Fetch(baseUrl, headers);
    const clientFetch: typeof fetch = async (input, init) => {
      this.marks.sent ??= now();
      const answer = await pageFetch(input, init);
      this.marks.answered ??= now();
      return answer;
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
    const handleFrame = this.store.handleFrame.bind(this.store);
    this.store.handleFrame = (frame) => {
      if (frame.type === "event") this.marks.event ??= now();
      handleFrame(frame);
    };
    // The store takes new data whole (`receive`) or as the fields that changed (`patch`).
    const receive = this.resource.receive.bind(this.resource);
    this.resource.receive = (body, etag) => {
      this.taken.whole++;
      const changed = receive(body, etag);
      this.#check(this.resource.snapshot());
      return changed;
    };
    const patch = this.resource.patch?.bind(this.resource);
    if (patch) {
      this.resource.patch = (fields, etag) => {
        this.taken.patches++;
        const changed = patch(fields, etag);
        this.#check(this.resource.snapshot());
        return changed;
      };
    }
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
    this.marks = { event: null, sent: null, answered: null };
    this.#check(this.resource.snapshot());
  }

  #check(body: ProjectDashboard): void {
    const expected = this.#expectation;
    if (!expected || this.seenAt !== null) return;
    for (const phase of body.phases) {
      for (const task of phase.tasks) {
        if (task.id !== expected.taskId) continue;
        if (task.status !== expected.status) return;
        this.seenAt = now();
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

/** The time in epoch milliseconds, to the microsecond. */
function now(): number {
  return performance.timeOrigin + performance.now();
}

/** A simulated client address per watcher, from the benchmarking range 198.18.0.0/15. */
export function watcherAddress(index: number): string {
  return `198.18.${(index >> 8) & 255}.${index & 255}`;
}
