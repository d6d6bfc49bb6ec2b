/**
 * A TCP relay a test owns: it listens on a free loopback port and forwards each connection to
 * a target, so a test can tell which connections took that route and cut it.
 *
 * @module
 */

/** One relayed connection: the relay's outbound end, as the target sees it. */
export interface RelayedConnection {
  /** The port the target sees the connection come from. */
  outboundPort: number;
}

/**
 * Forwards connections from `127.0.0.1:<port>` to `target`.
 *
 * @example
 * ```ts ignore
 * const relay = new TcpRelay({ hostname: "127.0.0.1", port: 5432 });
 * relay.start();
 * const url = `postgres://postgres@127.0.0.1:${relay.port}/test`;
 * relay.cut(); // every relayed connection drops; new ones are refused
 * relay.start(); // on the same port again
 * await relay.close();
 * ```
 */
export class TcpRelay {
  /** Connections relayed so far, open or closed. */
  readonly connections: RelayedConnection[] = [];
  #target: Deno.ConnectOptions;
  #port = 0;
  #listener?: Deno.Listener;
  #open = new Set<Deno.Conn>();

  /** @param target Where connections go. */
  constructor(target: { hostname: string; port: number }) {
    this.#target = target;
  }

  /** The port it listens on (the same after {@linkcode TcpRelay.cut} and a new start). */
  get port(): number {
    return this.#port;
  }

  /** Listens (again) and relays every connection. */
  start(): void {
    if (this.#listener) return;
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port: this.#port });
    this.#port = (this.#listener.addr as Deno.NetAddr).port;
    void this.#accept(this.#listener);
  }

  /** Stops listening and drops every relayed connection, as a lost network would. */
  cut(): void {
    this.#listener?.close();
    this.#listener = undefined;
    for (const conn of this.#open) {
      try {
        conn.close();
      } catch {
        // closed already
      }
    }
    this.#open.clear();
  }

  /** Cuts, for good. */
  close(): Promise<void> {
    this.cut();
    return Promise.resolve();
  }

  async #accept(listener: Deno.Listener): Promise<void> {
    try {
      for await (const inbound of listener) void this.#relay(inbound);
    } catch {
      // closed by cut()
    }
  }

  async #relay(inbound: Deno.Conn): Promise<void> {
    let outbound: Deno.Conn;
    try {
      outbound = await Deno.connect(this.#target);
    } catch {
      inbound.close();
      return;
    }
    this.connections.push({ outboundPort: (outbound.localAddr as Deno.NetAddr).port });
    this.#open.add(inbound).add(outbound);
    const done = () => {
      for (const conn of [inbound, outbound]) {
        this.#open.delete(conn);
        try {
          conn.close();
        } catch {
          // closed already
        }
      }
    };
    await Promise.race([
      inbound.readable.pipeTo(outbound.writable, { preventClose: true }).catch(() => {}),
      outbound.readable.pipeTo(inbound.writable, { preventClose: true }).catch(() => {}),
    ]);
    done();
  }
}
