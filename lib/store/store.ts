/**
 * The page's live store (the "GlobalContext"): every resource the islands show, keyed by API
 * path, kept current from the invalidation socket. Events are gathered into bursts
 * (`bursts.ts`), then every affected resource is revalidated in ONE `POST /api/batch` with the
 * ETags held. A 304 changes nothing; a 200 changes only the signals whose JSON differs.
 *
 * The store follows the user's flags in `/api/context` when it holds it: with
 * `request_batching` off each resource is revalidated with its own conditional `GET`; with
 * `live_updates` off the socket is closed, the connection state is `disabled`, and the store
 * asks for `/api/context` again (a conditional `GET`) every 30 s until the flag is back on.
 *
 * One store per tab: {@linkcode liveStore} makes it on first use.
 *
 * @module
 */
import { batch, effect, type Signal, signal, untracked } from "@preact/signals";
import { LIVE_UPDATES_FLAG, REQUEST_BATCHING_FLAG } from "../model/flags.ts";
import { resourcePathOf } from "../model/topics.ts";
import { Bursts } from "./bursts.ts";
import { type ConnectionState, LiveSocket, type ServerFrame } from "./socket.ts";
import type { LiveResource } from "./resource.ts";
import { DashboardResource, type LiveDashboardHandle } from "./dashboard.ts";
import { CONTEXT_PATH, ContextResource, flagOn, type LiveContextHandle } from "./context.ts";
import { fetchBatched, fetchEach, type HeldResource, MAX_BATCH } from "./fetch.ts";
import { navigationType, readSnapshot, sessionStorageOrNull, writeSnapshot } from "./snapshot.ts";

export type { ConnectionState, ServerFrame };
export { MAX_BATCH };

/** Options of {@linkcode LiveStore}. */
export interface LiveStoreOptions {
  /** The `fetch` used for batches. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Where snapshots go; null for none. Default `globalThis.sessionStorage` when there is one. */
  storage?: Storage | null;
  /** Milliseconds without an event after which a burst is sent. Default 16. */
  coalesceMs?: number;
  /** The most milliseconds a burst waits after its first event. Default 100. */
  coalesceMaxMs?: number;
  /** The socket's URL; null for no socket (tests). Default: `/ws` of the page's origin. */
  socketUrl?: string | null;
  /** The WebSocket constructor. Default `globalThis.WebSocket`. */
  WebSocket?: typeof WebSocket;
  /**
   * Milliseconds between checks of `/api/context` while live updates are off. Default
   * `globalThis.__beaconLivePollMs` when a test set it, else 30 000.
   */
  disabledPollMs?: number;
}

const DISABLED_POLL_MS = 30_000;
/** The least wait before asking again for a resource answered stale. */
const STALE_RETRY_MS = 500;

/**
 * Which held resources an event's topic invalidates, as its kind declares
 * (`lib/model/topics.ts`): `project:<id>` the project's dashboard; the context's topics
 * `/api/context`.
 *
 * @param topic The event's topic.
 * @param held The paths the store holds.
 * @returns The paths to revalidate.
 *
 * @example
 * ```ts
 * import { pathsForTopic } from "./store.ts";
 * console.log(pathsForTopic("project:p1", new Set(["/api/projects/p1"]))); // ["/api/projects/p1"]
 * ```
 */
export function pathsForTopic(topic: string, held: ReadonlySet<string>): string[] {
  const path = resourcePathOf(topic);
  return path !== undefined && held.has(path) ? [path] : [];
}

/**
 * The live store. Islands get it with {@linkcode liveStore}; tests may make their own.
 *
 * @example
 * ```ts
 * import { JsonResource } from "./resource.ts";
 * import { LiveStore } from "./store.ts";
 * const store = new LiveStore({ socketUrl: null, storage: null });
 * store.hold(new JsonResource("/api/context", {}, 'W/"1"'));
 * store.handleFrame({ type: "event", seq: 7, topic: "user:u1", version: 2 });
 * console.log(store.lastSeq); // 7
 * ```
 */
export class LiveStore {
  /** The socket's state, for the live indicator. */
  readonly connection: Signal<ConnectionState> = signal("connecting");
  /** Batches sent, for tests and the debug overlay. */
  batches = 0;
  /** Single conditional GETs sent (batching off, or live updates off). */
  gets = 0;
  #fetch: typeof fetch;
  #storage: Storage | null;
  #pollMs: number;
  #socket: LiveSocket | null;
  #resources = new Map<string, LiveResource>();
  #bursts: Bursts;
  #lastSeq = 0;
  #listening = false;
  /** What the context's `live_updates` says; on until a context says otherwise. */
  #liveAllowed = true;
  #poll: ReturnType<typeof setInterval> | undefined;
  #staleAgain = new Set<string>();
  #staleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LiveStoreOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#storage = options.storage !== undefined ? options.storage : sessionStorageOrNull();
    this.#bursts = new Bursts({
      coalesceMs: options.coalesceMs,
      coalesceMaxMs: options.coalesceMaxMs,
      send: (paths) => this.#revalidate(paths),
      settled: () => this.saveSnapshots(),
    });
    this.#pollMs = options.disabledPollMs ?? defaultPollMs();
    const url = options.socketUrl !== undefined ? options.socketUrl : defaultSocketUrl();
    this.#socket = url
      ? new LiveSocket({
        url,
        WebSocket: options.WebSocket,
        lastSeq: () => this.#lastSeq,
        onFrame: (frame) => this.handleFrame(frame),
        onState: (state) => this.connection.value = state,
        // 403 (live updates off) and 401 look alike to a page: ask the context which it is.
        onRefused: () => this.invalidate([CONTEXT_PATH]),
      })
      : null;
  }

  /** The last invalidation sequence number seen: the page's, or the socket's since. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The paths held. */
  get paths(): ReadonlySet<string> {
    return new Set(this.#resources.keys());
  }

  /** The resource held at `path`, if any. */
  resource(path: string): LiveResource | undefined {
    return this.#resources.get(path);
  }

  /**
   * Holds a resource (the first one per path wins) and returns the one held. A resource held
   * at `/api/context` decides, by its flags, whether the page is live and how it revalidates.
   */
  hold<R extends LiveResource>(resource: R): R {
    const known = this.#resources.get(resource.path);
    if (known) return known as R;
    this.#resources.set(resource.path, resource);
    if (resource.path === CONTEXT_PATH) {
      effect(() => {
        const allowed = flagOn(resource.data.value, LIVE_UPDATES_FLAG);
        untracked(() => this.#allowLive(allowed));
      });
    }
    return resource;
  }

  /**
   * Holds the dashboard an island's props describe, and the request context they carry; later
   * islands of the page get the same resources. Takes the session snapshot when it is newer
   * than the page (back/forward), and opens the socket.
   *
   * @param handle The `live` prop the server rendered.
   * @returns The dashboard resource.
   */
  adoptDashboard(handle: LiveDashboardHandle): DashboardResource {
    const known = this.#resources.get(handle.path);
    if (known instanceof DashboardResource) return known;
    const resource = this.hold(new DashboardResource(handle));
    this.#restore(resource, handle.seq, handle.etag);
    if (handle.context) this.adoptContext(handle.context, handle.seq);
    this.connect();
    return resource;
  }

  /**
   * Holds `/api/context` as the server rendered it (unless one is held already), taking the
   * session snapshot when it is newer than the page.
   *
   * @param handle The context handle the server rendered.
   * @param seq The last invalidation sequence number the rendered context reflects.
   */
  adoptContext(handle: LiveContextHandle, seq: number): void {
    if (this.#resources.has(CONTEXT_PATH)) return;
    this.#restore(this.hold(new ContextResource(handle)), seq, handle.etag);
  }

  /**
   * Holds a resource a page rendered, such as a list of the tenant's, with the request context
   * it carries, as {@linkcode LiveStore.adoptDashboard} does for a dashboard: takes the session
   * snapshot when it is newer than the page, and opens the socket. The first resource per path
   * wins.
   *
   * @param resource The resource, made from the island's props.
   * @param rendered The sequence number the rendered data reflects, and the context rendered
   * with it.
   * @returns The resource held at its path.
   */
  adopt<R extends LiveResource>(
    resource: R,
    rendered: { seq: number; context?: LiveContextHandle },
  ): R {
    const known = this.#resources.get(resource.path);
    if (known) return known as R;
    this.#restore(this.hold(resource), rendered.seq, resource.etag);
    if (rendered.context) this.adoptContext(rendered.context, rendered.seq);
    this.connect();
    return resource;
  }

  /** Records a sequence number seen. */
  noteSeq(seq: number): void {
    if (seq > this.#lastSeq) this.#lastSeq = seq;
  }

  /**
   * Opens the socket (once; not while the context says live updates are off) and follows the
   * page's lifecycle.
   */
  connect(): void {
    if (!this.#socket || this.#listening) return;
    this.#listening = true;
    const socket = this.#socket;
    if (this.#liveAllowed) socket.start();
    else this.#disableLive();
    addEventListener("online", () => this.#liveAllowed && socket.reconnectNow());
    addEventListener("offline", () => this.#liveAllowed && socket.markOffline());
    addEventListener("pagehide", () => {
      this.saveSnapshots();
      // An open socket keeps the page out of the back/forward cache.
      socket.stop();
    });
    addEventListener("pageshow", (event) => {
      if (!(event as PageTransitionEvent).persisted) return;
      if (this.#liveAllowed) socket.reconnectNow();
      this.revalidateAll();
    });
  }

  /** Handles one server frame: events invalidate, `resync` revalidates everything held. */
  handleFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case "event":
        this.noteSeq(frame.seq);
        this.invalidate(pathsForTopic(frame.topic, this.paths));
        break;
      case "ready":
        this.noteSeq(frame.lastSeq);
        break;
      case "resync":
        this.#lastSeq = frame.lastSeq;
        this.revalidateAll();
        break;
    }
  }

  /** Revalidates every resource held. */
  revalidateAll(): void {
    this.invalidate([...this.#resources.keys()]);
  }

  /** Marks paths for the next batch and schedules it. */
  invalidate(paths: Iterable<string>): void {
    this.#bursts.add([...paths].filter((path) => this.#resources.has(path)));
  }

  /** Resolves when nothing is pending or in flight. */
  whenIdle(): Promise<void> {
    return this.#bursts.whenIdle();
  }

  /** Writes every resource's data, ETag and the sequence number to the session snapshot. */
  saveSnapshots(): void {
    if (!this.#storage) return;
    // Events seen but not yet revalidated are not in the data: claim only what is covered.
    const seq = this.#bursts.busy ? 0 : this.#lastSeq;
    for (const resource of this.#resources.values()) writeSnapshot(this.#storage, resource, seq);
  }

  /** Follows the context's `live_updates`: closes or reopens the socket when it changes. */
  #allowLive(allowed: boolean): void {
    if (allowed === this.#liveAllowed) return;
    this.#liveAllowed = allowed;
    if (!this.#listening || !this.#socket) return;
    if (!allowed) return this.#disableLive();
    clearInterval(this.#poll);
    this.#poll = undefined;
    // The hello replays what happened meanwhile, or asks for a resync.
    this.#socket.reconnectNow();
  }

  #disableLive(): void {
    this.#socket?.stop();
    this.connection.value = "disabled";
    // No socket tells us when the flag is back on: ask the context (a 304 while it is not).
    this.#poll ??= setInterval(() => this.invalidate([CONTEXT_PATH]), this.#pollMs);
  }

  async #revalidate(paths: string[]): Promise<void> {
    const held = paths.map((path): HeldResource => {
      const etag = this.#resources.get(path)?.etag;
      return etag ? { path, etag } : { path };
    });
    // Without live updates there are no bursts to gather: one GET per resource is as cheap.
    const batched = this.#liveAllowed && this.#flag(REQUEST_BATCHING_FLAG);
    if (batched) this.batches += Math.ceil(held.length / MAX_BATCH);
    else this.gets += held.length;
    const answers = batched
      ? await fetchBatched(this.#fetch, held, { seq: this.#lastSeq, patch: true })
      : await fetchEach(this.#fetch, held);
    const whole: HeldResource[] = [];
    const stale: string[] = [];
    batch(() => {
      for (const entry of answers) {
        const resource = this.#resources.get(entry.path);
        if (!resource) continue;
        if (entry.stale) stale.push(entry.path);
        if (entry.status === 200 && entry.patch !== undefined) {
          // A patch applies only over the body it was made against.
          if (resource.patch && resource.etag === entry.base) {
            resource.patch(entry.patch, entry.etag ?? null);
          } else whole.push({ path: entry.path });
        } else if (entry.status === 200) resource.receive(entry.body, entry.etag ?? null);
        else if (entry.status === 304 && entry.etag) resource.etag = entry.etag;
      }
    });
    if (whole.length) await this.#receiveWhole(whole);
    if (stale.length) this.#askAgain(stale);
  }

  /**
   * Asks again, after 0.5–1 s (jittered: the pages that got a stale answer together do not
   * come back together), for resources answered with an earlier version's data.
   */
  #askAgain(paths: string[]): void {
    for (const path of paths) this.#staleAgain.add(path);
    if (this.#staleTimer !== undefined) return;
    this.#staleTimer = setTimeout(() => {
      this.#staleTimer = undefined;
      const again = [...this.#staleAgain];
      this.#staleAgain.clear();
      this.invalidate(again);
    }, STALE_RETRY_MS * (1 + Math.random()));
  }

  /** Asks again for resources whose patch did not fit what is held, whole this time. */
  async #receiveWhole(paths: HeldResource[]): Promise<void> {
    this.batches += Math.ceil(paths.length / MAX_BATCH);
    const answers = await fetchBatched(this.#fetch, paths, { seq: this.#lastSeq });
    batch(() => {
      for (const entry of answers) {
        const resource = this.#resources.get(entry.path);
        if (resource && entry.status === 200) resource.receive(entry.body, entry.etag ?? null);
      }
    });
  }

  /** Whether the context held says the flag is on; on when no context is held. */
  #flag(key: string): boolean {
    const context = this.#resources.get(CONTEXT_PATH);
    return context ? flagOn(context.data.peek(), key) : true;
  }

  #restore(resource: LiveResource, seq: number, etag: string | null): void {
    this.noteSeq(seq);
    const snapshot = readSnapshot(this.#storage, resource.path);
    if (snapshot && snapshot.seq > seq && snapshot.etag !== etag) {
      this.noteSeq(snapshot.seq);
      // After the synchronous hydration of every island, so the DOM matches the first render.
      queueMicrotask(() => {
        resource.receive(snapshot.data as never, snapshot.etag);
      });
    }
    if (navigationType() === "back_forward") this.invalidate([resource.path]);
  }
}

/**
 * The tab's store, made on first use and kept on `globalThis.__beaconStore` (so tests and the
 * console can look at it).
 *
 * @example
 * ```ts ignore
 * const store = liveStore();
 * store.revalidateAll();
 * ```
 */
export function liveStore(): LiveStore {
  const global = globalThis as { __beaconStore?: LiveStore };
  return global.__beaconStore ??= new LiveStore();
}

function defaultPollMs(): number {
  const ms = (globalThis as { __beaconLivePollMs?: unknown }).__beaconLivePollMs;
  return typeof ms === "number" && ms > 0 ? ms : DISABLED_POLL_MS;
}

function defaultSocketUrl(): string | null {
  const location = globalThis.location;
  if (!location || typeof globalThis.WebSocket !== "function") return null;
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws`;
}
