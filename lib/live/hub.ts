/**
 * The WebSocket hub: hands each invalidation event of the bus to the sockets whose user may
 * see its topic, replays what a reconnecting socket missed, and closes sockets that break the
 * protocol, flood, read too slowly or whose session ended.
 *
 * @module
 */
import type { InvalidationBus } from "./bus.ts";
import type { InvalidationEvent } from "./event.ts";
import { audienceOf, sessionOfTopic, userTopic } from "../model/topics.ts";
import { type LiveClient, mayReceive } from "./_topic_access.ts";
import { type CloseReason, emptyHubCounters, type HubStats } from "./_hub_stats.ts";
import { CLOSE_CODES, isRejection, MAX_CLIENT_FRAME_BYTES, parseClientFrame } from "./protocol.ts";
import { encodeServerFrame, type ServerFrame } from "../model/frames.ts";

export { type LiveClient, mayReceive } from "./_topic_access.ts";
export type { CloseReason, HubStats } from "./_hub_stats.ts";

/** What the hub needs of the bus. */
export type HubBus = Pick<InvalidationBus, "subscribe" | "onResync" | "replaySince" | "lastSeq">;

/** A WebSocket as the hub uses it; the sockets of `Deno.upgradeWebSocket` are ones. */
export interface LiveSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
}

/** Options of {@linkcode Hub}; every one has a default. */
export interface HubOptions {
  /** Largest client frame, in bytes. Default 4096. */
  maxFrameBytes?: number;
  /** Bytes a socket may have waiting to be sent before it is closed as too slow. Default 1 MiB. */
  maxBufferedBytes?: number;
  /** Client frames allowed per second and socket; one more closes it. Default 20. */
  maxFramesPerSecond?: number;
  /** How long a socket may stay without saying hello. Default 10 000 ms. */
  helloTimeoutMs?: number;
  /** Sockets one session may hold; more are refused with 4029. Default 16. */
  maxPerSession?: number;
  /** Sockets one client address may hold; more are refused with 4029. Default 64. */
  maxPerAddress?: number;
  /**
   * Whether a session may still hold a socket; asked when a `session:` event names it and when
   * its user's `user:` topic changes (a membership removed). Sockets of a session found dead
   * close with 4001. Without it, any `session:` event ends the session's sockets and `user:`
   * events end nothing.
   */
  sessionAlive?: (sessionHash: string) => boolean | Promise<boolean>;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** `WebSocket.CONNECTING`: an upgraded socket is until its response is sent. */
const CONNECTING = 0;

interface Connection {
  socket: LiveSocket;
  client: LiveClient;
  userTopic: string;
  live: boolean;
  closing: boolean;
  windowStart: number;
  frames: number;
  helloTimer?: ReturnType<typeof setTimeout>;
  expiryTimer?: ReturnType<typeof setTimeout>;
}

function eventFrame(event: InvalidationEvent): ServerFrame {
  return { type: "event", seq: event.seq, topic: event.topic, version: event.version };
}

function addTo<K>(index: Map<K, Set<Connection>>, key: K, conn: Connection): void {
  const set = index.get(key);
  if (set) set.add(conn);
  else index.set(key, new Set([conn]));
}

function removeFrom<K>(index: Map<K, Set<Connection>>, key: K, conn: Connection): void {
  const set = index.get(key);
  if (set?.delete(conn) && set.size === 0) index.delete(key);
}

/**
 * Subscribes once to the bus and serves every socket of this instance. Each instance has its
 * own hub; the database's notifications reach every instance's bus, so a write anywhere
 * reaches sockets everywhere.
 *
 * @example
 * ```ts ignore
 * const hub = new Hub(bus, {
 *   sessionAlive: async (hash) => (await loaders.context(hash)) !== null,
 * });
 * const { socket, response } = Deno.upgradeWebSocket(request, { idleTimeout: 30 });
 * hub.accept(socket, { userId, tenantId, sessionHash });
 * hub.stats().clients; // 1
 * hub.close();
 * ```
 */
export class Hub {
  #bus: HubBus;
  #options: Required<Omit<HubOptions, "sessionAlive">> & Pick<HubOptions, "sessionAlive">;
  #connections = new Set<Connection>();
  #byTenant = new Map<string, Set<Connection>>();
  #byUserTopic = new Map<string, Set<Connection>>();
  #bySession = new Map<string, Set<Connection>>();
  #byAddress = new Map<string, Set<Connection>>();
  #unsubscribe: (() => void)[];
  #closed = false;
  #stats = emptyHubCounters();

  /** Subscribes to the bus's events and resyncs until {@linkcode Hub.close}. */
  constructor(bus: HubBus, options: HubOptions = {}) {
    this.#bus = bus;
    this.#options = {
      maxFrameBytes: MAX_CLIENT_FRAME_BYTES,
      maxBufferedBytes: 1024 * 1024,
      maxFramesPerSecond: 20,
      helloTimeoutMs: 10_000,
      maxPerSession: 16,
      maxPerAddress: 64,
      now: Date.now,
      ...options,
    };
    this.#unsubscribe = [
      bus.subscribe((event) => this.#onEvent(event)),
      bus.onResync(() => this.#resyncAll()),
    ];
  }

  /**
   * Serves a socket for a signed-in client: it receives events once it has said hello.
   * The caller has checked the session, the origin and the `live_updates` flag.
   */
  accept(socket: LiveSocket, client: LiveClient): void {
    if (this.#closed) {
      socket.close(CLOSE_CODES.goingAway, "Server shutting down");
      return;
    }
    const crowded = this.#crowded(client);
    if (crowded) return this.#refuse(socket, crowded);
    const conn: Connection = {
      socket,
      client,
      userTopic: userTopic(client.userId),
      live: false,
      closing: false,
      windowStart: this.#options.now(),
      frames: 0,
    };
    this.#connections.add(conn);
    addTo(this.#byTenant, client.tenantId, conn);
    addTo(this.#byUserTopic, conn.userTopic, conn);
    addTo(this.#bySession, client.sessionHash, conn);
    if (client.address) addTo(this.#byAddress, client.address, conn);
    this.#stats.accepted++;
    conn.helloTimer = setTimeout(() => {
      this.#drop(conn, "hello_timeout", CLOSE_CODES.policyViolation, "Expected hello");
    }, this.#options.helloTimeoutMs);
    if (client.expiresAt !== undefined) {
      // setTimeout takes at most 2^31 - 1 ms (24.8 days); sessions last 7.
      const left = Math.min(client.expiresAt - this.#options.now(), 2 ** 31 - 1);
      conn.expiryTimer = setTimeout(() => {
        this.#drop(conn, "signed_out", CLOSE_CODES.signedOut, "Session expired");
      }, Math.max(0, left));
    }
    socket.addEventListener(
      "message",
      (event) => this.#receive(conn, (event as MessageEvent).data),
    );
    socket.addEventListener("close", (event) => {
      const { code, reason } = event as CloseEvent;
      this.#forget(conn, code === 1006 || /ping/i.test(reason) ? "dead" : "client");
    });
  }

  /** A snapshot of the counters. */
  stats(): HubStats {
    return {
      ...this.#stats,
      closes: { ...this.#stats.closes },
      clients: this.#connections.size,
    };
  }

  /** Closes every socket with 1001 and stops listening to the bus. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const stop of this.#unsubscribe) stop();
    for (const conn of [...this.#connections]) {
      this.#drop(conn, "shutdown", CLOSE_CODES.goingAway, "Server shutting down");
    }
  }

  #onEvent(event: InvalidationEvent): void {
    const session = sessionOfTopic(event.topic);
    if (session !== undefined) return this.#recheck(this.#bySession.get(session) ?? [], true);
    const audience = audienceOf(event.topic);
    const candidates = audience === "everyone"
      ? this.#connections
      : audience === "user"
      ? this.#byUserTopic.get(event.topic)
      : event.tenant === null
      ? undefined
      : this.#byTenant.get(event.tenant);
    if (!candidates) return;
    // One text for every socket: a write to a watched dashboard goes to all of its pages.
    const text = encodeServerFrame(eventFrame(event));
    for (const conn of [...candidates]) {
      if (!conn.live || !mayReceive(conn.client, event)) continue;
      if (this.#send(conn, text)) this.#stats.eventsPushed++;
    }
    if (audience === "user") this.#recheck(candidates, false);
  }

  /**
   * Asks whether each session of these sockets is still valid and closes the sockets of those
   * that are not; `endUnasked` says what to do without a `sessionAlive` option.
   */
  #recheck(conns: Iterable<Connection>, endUnasked: boolean): void {
    const bySession = new Map<string, Connection[]>();
    for (const conn of conns) {
      const list = bySession.get(conn.client.sessionHash);
      if (list) list.push(conn);
      else bySession.set(conn.client.sessionHash, [conn]);
    }
    const sessionAlive = this.#options.sessionAlive;
    if (!sessionAlive && !endUnasked) return;
    for (const [sessionHash, list] of bySession) {
      const end = () => {
        for (const conn of list) {
          this.#drop(conn, "signed_out", CLOSE_CODES.signedOut, "Session ended");
        }
      };
      if (!sessionAlive) {
        end();
        continue;
      }
      Promise.resolve()
        .then(() => sessionAlive(sessionHash))
        .then((alive) => alive || end(), end);
    }
  }

  #resyncAll(): void {
    const frame: ServerFrame = { type: "resync", lastSeq: this.#bus.lastSeq };
    for (const conn of [...this.#connections]) {
      if (conn.live && this.#send(conn, frame)) this.#stats.resyncsSent++;
    }
  }

  #receive(conn: Connection, data: unknown): void {
    if (conn.closing) return;
    const now = this.#options.now();
    if (now - conn.windowStart >= 1000) {
      conn.windowStart = now;
      conn.frames = 0;
    }
    if (++conn.frames > this.#options.maxFramesPerSecond) {
      return this.#drop(conn, "flood", CLOSE_CODES.policyViolation, "Too many frames");
    }
    const frame = parseClientFrame(data, this.#options.maxFrameBytes);
    if (isRejection(frame)) {
      const reason = frame.code === CLOSE_CODES.messageTooBig ? "too_big" : "protocol";
      return this.#drop(conn, reason, frame.code, frame.reason);
    }
    if (frame.type === "ping") {
      this.#send(conn, { type: "pong" });
    } else if (conn.live) {
      this.#drop(conn, "protocol", CLOSE_CODES.policyViolation, "Hello was already said");
    } else {
      this.#hello(conn, frame.lastSeq);
    }
  }

  /**
   * Replays what the client missed, then says ready; or resync when the bus no longer holds
   * it, or when the client claims a sequence number this instance has not reached. Both run
   * synchronously, so no live event can fall between the replay and going live.
   */
  #hello(conn: Connection, lastSeq: number): void {
    clearTimeout(conn.helloTimer);
    conn.live = true;
    const lastSeen = this.#bus.lastSeq;
    const missed = lastSeq > lastSeen ? "resync" : this.#bus.replaySince(lastSeq, {
      filter: (event) => mayReceive(conn.client, event),
    });
    if (missed === "resync") {
      if (this.#send(conn, { type: "resync", lastSeq: lastSeen })) this.#stats.resyncsSent++;
      return;
    }
    for (const event of missed) {
      if (!this.#send(conn, eventFrame(event))) return;
      this.#stats.eventsReplayed++;
    }
    this.#send(conn, { type: "ready", lastSeq: lastSeen });
  }

  /** Sends a frame (or its text), or closes a socket that has too much waiting (after a resync). */
  #send(conn: Connection, frame: ServerFrame | string): boolean {
    if (conn.closing) return false;
    try {
      if (conn.socket.bufferedAmount > this.#options.maxBufferedBytes) {
        conn.socket.send(encodeServerFrame({ type: "resync", lastSeq: this.#bus.lastSeq }));
        this.#stats.resyncsSent++;
        this.#drop(conn, "slow", CLOSE_CODES.tryAgainLater, "Too slow: resync and reconnect");
        return false;
      }
      conn.socket.send(typeof frame === "string" ? frame : encodeServerFrame(frame));
      return true;
    } catch {
      // The socket closed under us; its close event may not have come yet.
      this.#drop(conn, "dead", CLOSE_CODES.goingAway, "Socket failed");
      return false;
    }
  }

  #drop(conn: Connection, reason: CloseReason, code: number, text: string): void {
    if (conn.closing) return;
    this.#forget(conn, reason);
    try {
      conn.socket.close(code, text);
    } catch {
      // Already closed.
    }
  }

  /** Stops serving a socket and counts why; only the first call for a socket counts. */
  #forget(conn: Connection, reason: CloseReason): void {
    if (conn.closing) return;
    conn.closing = true;
    clearTimeout(conn.helloTimer);
    clearTimeout(conn.expiryTimer);
    this.#connections.delete(conn);
    removeFrom(this.#byTenant, conn.client.tenantId, conn);
    removeFrom(this.#byUserTopic, conn.userTopic, conn);
    removeFrom(this.#bySession, conn.client.sessionHash, conn);
    if (conn.client.address) removeFrom(this.#byAddress, conn.client.address, conn);
    this.#stats.closes[reason]++;
  }

  /** Why a new socket of this client would be one too many, if it would. */
  #crowded(client: LiveClient): string | undefined {
    const { maxPerSession, maxPerAddress } = this.#options;
    if ((this.#bySession.get(client.sessionHash)?.size ?? 0) >= maxPerSession) {
      return `At most ${maxPerSession} live connections per session: close another tab`;
    }
    const address = client.address;
    if (address && (this.#byAddress.get(address)?.size ?? 0) >= maxPerAddress) {
      return `At most ${maxPerAddress} live connections per address`;
    }
    return undefined;
  }

  /** Closes a socket it will not serve with 4029, once it is open. */
  #refuse(socket: LiveSocket, reason: string): void {
    this.#stats.closes.too_many++;
    const close = () => socket.close(CLOSE_CODES.tooMany, reason);
    if (socket.readyState === CONNECTING) socket.addEventListener("open", close);
    else close();
  }
}
