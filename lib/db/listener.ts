/**
 * A LISTEN connection of its own that reconnects quickly by itself and says what state it is
 * in. postgres.js's own `listen()` shares the pool's retry counter, so after an outage its
 * reconnect waits grow towards 20 s; here every attempt opens a fresh single connection, retried
 * after at most `maxReconnectDelayMs` (jittered), and subscribers are told after every
 * re-established LISTEN so they can replay what they missed.
 *
 * @module
 */
import {
  abandonSession,
  listenOn,
  type ListenSession,
  openListenSession,
  unlistenOn,
} from "./_listen_session.ts";
import { asUnavailable, DatabaseUnavailableError } from "./unavailable.ts";

/** Where the listener is in its life. */
export type ListenerStatus = "idle" | "connecting" | "connected" | "reconnecting" | "closed";

/** What {@linkcode PgListener.state} reports. */
export interface ListenerState {
  /** `idle` before the first channel and after the last one is dropped. */
  status: ListenerStatus;
  /** When `status` last changed, in epoch milliseconds. */
  since: number;
  /** When LISTEN was last established, in epoch milliseconds; `null` before the first time. */
  lastConnectedAt: number | null;
  /** Times LISTEN was re-established after the connection was lost. */
  reconnects: number;
  /** Attempts that failed since the connection was lost (or since the start). */
  failedAttempts: number;
  /** The last failure's message. */
  lastError: string | null;
  /** The channels listened on. */
  channels: string[];
}

/** Options of {@linkcode PgListener}; every one has a default. */
export interface PgListenerOptions {
  /** How long one attempt (connect and LISTEN) may take. Default 1000 ms. */
  connectTimeoutMs?: number;
  /** The first retry's delay; each later one doubles, up to the maximum. Default 50 ms. */
  minReconnectDelayMs?: number;
  /** The longest delay between attempts; each delay is jittered down to half. Default 500 ms. */
  maxReconnectDelayMs?: number;
  /** How often a connected listener checks its connection by re-issuing LISTEN; 0 never. Default 5000 ms. */
  heartbeatMs?: number;
  /** The session's `application_name`, to tell it apart in `pg_stat_activity`. Default `beacon-listener`. */
  applicationName?: string;
  /** Told of an error thrown by a subscriber's callback. */
  onError?: (error: unknown) => void;
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

interface Subscription {
  channel: string;
  onNotify: (payload: string) => void;
  onListen?: () => void;
  /** The connection its LISTEN was last established on. */
  session?: ListenSession;
}

/**
 * One LISTEN connection for any number of channels.
 *
 * @example
 * ```ts ignore
 * const listener = new PgListener("postgres://app@127.0.0.1:5432/app");
 * const unlisten = await listener.listen("beacon_invalidation", (payload) => {
 *   console.log("notified", payload);
 * }, () => console.log("listening (again): replay what was missed"));
 * listener.state().status; // "connected"
 * await unlisten();
 * await listener.close();
 * ```
 */
export class PgListener {
  #url: string;
  #options: Required<Omit<PgListenerOptions, "onError">> & Pick<PgListenerOptions, "onError">;
  #subscriptions: Subscription[] = [];
  #reconnectHooks = new Set<() => void>();
  #session?: ListenSession;
  #attempt?: Promise<void>;
  #retryTimer?: ReturnType<typeof setTimeout>;
  #heartbeatTimer?: ReturnType<typeof setTimeout>;
  #status: ListenerStatus = "idle";
  #since: number;
  #lastConnectedAt: number | null = null;
  #reconnects = 0;
  #failedAttempts = 0;
  #lastError: string | null = null;

  /**
   * @param url The server's `postgres://` URL.
   * @param options Timeouts, reconnect delays, heartbeat.
   */
  constructor(url: string, options: PgListenerOptions = {}) {
    this.#url = url;
    this.#options = {
      connectTimeoutMs: options.connectTimeoutMs ?? 1000,
      minReconnectDelayMs: options.minReconnectDelayMs ?? 50,
      maxReconnectDelayMs: options.maxReconnectDelayMs ?? 500,
      heartbeatMs: options.heartbeatMs ?? 5000,
      applicationName: options.applicationName ?? "beacon-listener",
      onError: options.onError,
      now: options.now ?? Date.now,
    };
    this.#since = this.#options.now();
  }

  /**
   * Listens on `channel`. Resolves once LISTEN is in place, to a function that stops listening;
   * rejects with {@linkcode DatabaseUnavailableError} when the attempt to get there fails.
   * `onListen` runs each time LISTEN is in place: first, and after every reconnect.
   *
   * @param channel The notification channel.
   * @param onNotify Called with each notification's payload.
   * @param onListen Called once LISTEN is (re-)established.
   */
  async listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>> {
    if (this.#status === "closed") {
      throw new Error(`Cannot listen on "${channel}": the listener is closed`);
    }
    if (!channel) throw new TypeError("Cannot listen: the channel name is empty");
    const subscription: Subscription = { channel, onNotify, onListen };
    this.#subscriptions.push(subscription);
    try {
      if (this.#status !== "connected") await this.#establish();
      const session = this.#session;
      if (!session) throw new DatabaseUnavailableError("lost", "connection closed");
      // Joined an attempt that began before this channel was added: LISTEN on it now.
      if (subscription.session !== session) {
        if (!session.channels.has(channel)) await this.#issueListen(session, [channel]);
        subscription.session = session;
        this.#call(() => onListen?.());
      }
    } catch (error) {
      await this.#unsubscribe(subscription);
      throw asUnavailable(error) ?? error;
    }
    return () => this.#unsubscribe(subscription);
  }

  /**
   * Calls `hook` after every re-established LISTEN (not the first one). Returns a function that
   * removes it.
   *
   * @example
   * ```ts ignore
   * const stop = listener.onReconnect(() => bus.replayMissed());
   * ```
   */
  onReconnect(hook: () => void): () => void {
    this.#reconnectHooks.add(hook);
    return () => this.#reconnectHooks.delete(hook);
  }

  /** The listener's state, for health reports. */
  state(): ListenerState {
    return {
      status: this.#status,
      since: this.#since,
      lastConnectedAt: this.#lastConnectedAt,
      reconnects: this.#reconnects,
      failedAttempts: this.#failedAttempts,
      lastError: this.#lastError,
      channels: this.#channels(),
    };
  }

  /** Stops listening on every channel and closes the connection. */
  async close(): Promise<void> {
    if (this.#status === "closed") return;
    this.#setStatus("closed");
    this.#subscriptions = [];
    this.#stopTimers();
    const session = this.#session;
    this.#session = undefined;
    if (session) await abandonSession(session);
    await this.#attempt?.catch(() => {});
  }

  /** Joins the attempt in progress, or starts one now. */
  #establish(): Promise<void> {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#attempt ??= this.#connect().finally(() => this.#attempt = undefined);
    return this.#attempt;
  }

  async #connect(): Promise<void> {
    const first = this.#lastConnectedAt === null;
    this.#setStatus(first ? "connecting" : "reconnecting");
    const session = this.#openSession();
    try {
      await this.#issueListen(session, this.#channels());
    } catch (error) {
      await abandonSession(session);
      if (this.#status === "closed") return;
      this.#failedAttempts++;
      this.#lastError = errorMessage(error);
      this.#scheduleRetry();
      throw error;
    }
    if (this.#status === "closed" || this.#subscriptions.length === 0) {
      await abandonSession(session);
      return;
    }
    this.#connected(session, first);
  }

  #connected(session: ListenSession, first: boolean): void {
    this.#session = session;
    this.#lastConnectedAt = this.#options.now();
    this.#failedAttempts = 0;
    if (!first) this.#reconnects++;
    this.#setStatus("connected");
    this.#scheduleHeartbeat(session);
    if (!first) { for (const hook of this.#reconnectHooks) this.#call(hook); }
    for (const subscription of [...this.#subscriptions]) {
      if (!session.channels.has(subscription.channel)) continue;
      subscription.session = session;
      this.#call(() => subscription.onListen?.());
    }
  }

  #openSession(): ListenSession {
    const session: ListenSession = openListenSession(this.#url, {
      connectTimeoutMs: this.#options.connectTimeoutMs,
      applicationName: this.#options.applicationName,
      onNotify: (channel, payload) => this.#dispatch(channel, payload),
      onClose: () => this.#lose(session, new DatabaseUnavailableError("lost", "connection closed")),
    });
    return session;
  }

  #issueListen(session: ListenSession, channels: string[]): Promise<void> {
    return listenOn(session, channels, this.#options.connectTimeoutMs);
  }

  #lose(session: ListenSession, error: unknown): void {
    if (this.#session !== session || this.#status === "closed") return;
    this.#session = undefined;
    clearTimeout(this.#heartbeatTimer);
    abandonSession(session);
    this.#lastError = errorMessage(error);
    this.#setStatus("reconnecting");
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#status === "closed" || this.#subscriptions.length === 0 || this.#retryTimer) return;
    const { minReconnectDelayMs: min, maxReconnectDelayMs: max } = this.#options;
    const ceiling = Math.min(max, min * 2 ** this.#failedAttempts);
    const delay = ceiling / 2 + Math.random() * ceiling / 2;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#establish().catch(() => {});
    }, delay);
  }

  #scheduleHeartbeat(session: ListenSession): void {
    if (this.#options.heartbeatMs <= 0) return;
    this.#heartbeatTimer = setTimeout(async () => {
      if (this.#session !== session) return;
      try {
        await this.#issueListen(session, this.#channels());
        this.#scheduleHeartbeat(session);
      } catch (error) {
        this.#lose(session, asUnavailable(error) ?? error);
      }
    }, this.#options.heartbeatMs);
  }

  async #unsubscribe(subscription: Subscription): Promise<void> {
    const index = this.#subscriptions.indexOf(subscription);
    if (index === -1) return;
    this.#subscriptions.splice(index, 1);
    if (this.#subscriptions.length === 0) {
      if (this.#status === "closed") return;
      this.#stopTimers();
      const session = this.#session;
      this.#session = undefined;
      this.#setStatus("idle");
      if (session) await abandonSession(session);
      return;
    }
    const session = this.#status === "connected" ? this.#session : undefined;
    if (session && !this.#channels().includes(subscription.channel)) {
      await unlistenOn(session, subscription.channel);
    }
  }

  #dispatch(channel: string, payload: string): void {
    for (const subscription of [...this.#subscriptions]) {
      if (subscription.channel === channel) this.#call(() => subscription.onNotify(payload));
    }
  }

  #call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#options.onError?.(error);
    }
  }

  #channels(): string[] {
    return [...new Set(this.#subscriptions.map((each) => each.channel))];
  }

  #setStatus(status: ListenerStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#since = this.#options.now();
  }

  #stopTimers(): void {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#heartbeatTimer);
    this.#retryTimer = undefined;
    this.#heartbeatTimer = undefined;
  }
}

function errorMessage(error: unknown): string {
  const unavailable = asUnavailable(error);
  if (unavailable) return unavailable.detail;
  return error instanceof Error ? error.message : String(error);
}
