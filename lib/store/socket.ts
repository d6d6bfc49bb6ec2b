/**
 * The tab's invalidation socket (`GET /ws`): says `hello` with the last sequence number seen,
 * pings, and reconnects with jittered exponential backoff.
 *
 * @module
 */
import { parseServerFrame, type ServerFrame } from "../model/frames.ts";

export type { ServerFrame };

/**
 * What the socket is doing, as the live indicator shows it; `disabled` is the store's own: the
 * user's flag `live_updates` is off, so there is no socket.
 */
export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline" | "disabled";

/** Options of {@linkcode LiveSocket}. */
export interface LiveSocketOptions {
  /** The socket's URL, like `ws://127.0.0.1:8000/ws`. */
  url: string;
  /** The last sequence number seen, sent in `hello` on every (re)connect. */
  lastSeq(): number;
  /** Called with each valid frame the server sends. */
  onFrame(frame: ServerFrame): void;
  /** Called when the state changes. */
  onState(state: ConnectionState): void;
  /**
   * Called when a connection closes before it opened: the upgrade was refused (403 when live
   * updates are off for the user), or the server is out of reach. A page cannot tell which;
   * reconnecting goes on unless {@linkcode LiveSocket.stop} is called. Default: nothing.
   */
  onRefused?: () => void;
  /** Milliseconds between pings. Default 25 000. */
  pingMs?: number;
  /** The first reconnect delay's ceiling in milliseconds. Default 250. */
  minDelayMs?: number;
  /** The largest reconnect delay in milliseconds. Default 10 000. */
  maxDelayMs?: number;
  /** The WebSocket constructor. Default `globalThis.WebSocket`. */
  WebSocket?: typeof WebSocket;
  /** A random number in [0, 1), for the jitter. Default `Math.random`. */
  random?: () => number;
}

/** The close code of a session that ended: reconnecting would not help. */
const SIGNED_OUT = 4001;
/** `WebSocket.OPEN`, spelled out so that a stand-in constructor works too. */
const OPEN = 1;

/**
 * One WebSocket with reconnection. The delay before attempt n is drawn uniformly from
 * [ceiling / 2, ceiling] with ceiling = min(maxDelayMs, minDelayMs × 2ⁿ), so a server restart
 * does not see every tab come back in the same millisecond.
 *
 * @example
 * ```ts ignore
 * const socket = new LiveSocket({
 *   url: "ws://127.0.0.1:8000/ws",
 *   lastSeq: () => 0,
 *   onFrame: (frame) => console.log(frame),
 *   onState: (state) => console.log(state),
 * });
 * socket.start();
 * ```
 */
export class LiveSocket {
  #options: Required<LiveSocketOptions>;
  #socket: WebSocket | null = null;
  #attempt = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #ping: ReturnType<typeof setInterval> | undefined;
  #lastHeard = 0;
  #stopped = true;
  #opened = false;

  constructor(options: LiveSocketOptions) {
    this.#options = {
      ...options,
      pingMs: options.pingMs ?? 25_000,
      minDelayMs: options.minDelayMs ?? 250,
      maxDelayMs: options.maxDelayMs ?? 10_000,
      WebSocket: options.WebSocket ?? globalThis.WebSocket,
      random: options.random ?? Math.random,
      onRefused: options.onRefused ?? (() => {}),
    };
  }

  /** Opens the socket unless it is open already. */
  start(): void {
    this.#stopped = false;
    if (this.#socket || this.#retry !== undefined) return;
    this.#open();
  }

  /** Closes the socket and stops reconnecting. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#drop();
  }

  /** Reconnects now (the browser is back online, or the page was restored). */
  reconnectNow(): void {
    this.#stopped = false;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#attempt = 0;
    if (this.#socket?.readyState === OPEN) return;
    this.#drop();
    this.#open();
  }

  /** Says the browser is offline; the socket keeps trying, slowly. */
  markOffline(): void {
    this.#options.onState("offline");
  }

  #open(): void {
    const { url, onState } = this.#options;
    onState(this.#opened ? "reconnecting" : "connecting");
    let socket: WebSocket;
    try {
      socket = new this.#options.WebSocket(url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.#opened = true;
      this.#lastHeard = Date.now();
      this.#send({ type: "hello", lastSeq: this.#options.lastSeq() });
      this.#ping = setInterval(() => this.#heartbeat(), this.#options.pingMs);
    };
    socket.onmessage = (message) => {
      this.#lastHeard = Date.now();
      const frame = parseServerFrame(message.data);
      if (!frame) return;
      // `resync` comes instead of `ready` when the replay is too old: live all the same.
      if (frame.type === "ready" || frame.type === "resync") {
        this.#attempt = 0;
        onState("live");
      }
      this.#options.onFrame(frame);
    };
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#drop();
      if (this.#stopped) return;
      if (event.code === SIGNED_OUT) {
        onState("offline");
        return;
      }
      this.#scheduleRetry();
      if (!opened) this.#options.onRefused();
    };
  }

  #heartbeat(): void {
    // Two silent intervals: the connection is dead though no close arrived.
    if (Date.now() - this.#lastHeard > 2 * this.#options.pingMs) {
      this.#socket?.close();
      return;
    }
    this.#send({ type: "ping" });
  }

  #scheduleRetry(): void {
    const { minDelayMs, maxDelayMs, random, onState } = this.#options;
    const online = globalThis.navigator?.onLine ?? true;
    onState(online ? "reconnecting" : "offline");
    const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** this.#attempt);
    this.#attempt++;
    const delay = ceiling / 2 + random() * ceiling / 2;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (!this.#stopped) this.#open();
    }, delay);
  }

  #drop(): void {
    clearInterval(this.#ping);
    this.#ping = undefined;
    const socket = this.#socket;
    this.#socket = null;
    if (socket && socket.readyState <= OPEN) {
      socket.onclose = null;
      socket.close();
    }
  }

  #send(frame: object): void {
    if (this.#socket?.readyState === OPEN) this.#socket.send(JSON.stringify(frame));
  }
}
