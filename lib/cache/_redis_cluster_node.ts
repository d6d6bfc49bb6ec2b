/**
 * One `redis-server` process of a test's Redis Cluster, and the free ports it needs.
 *
 * @module
 */

/** One node of the fixture. */
export class ClusterNode {
  #child?: Deno.ChildProcess;
  #args: string[];

  /** @param port Its port (the cluster bus is port + 10000). @param dir Its directory. */
  constructor(readonly port: number, readonly dir: string, args: string[]) {
    this.#args = args;
  }

  /** `host:port`, as Redis Cluster names the node. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  #paused = false;

  /** True while its process runs and is not paused (SIGSTOP). */
  get running(): boolean {
    return this.#child !== undefined && !this.#paused;
  }

  /** Starts (or restarts) the process; its `nodes.conf` keeps its identity across restarts. */
  start(): void {
    this.#child = new Deno.Command("redis-server", {
      args: this.#args,
      cwd: this.dir,
      stdout: "null",
      stderr: "null",
    }).spawn();
  }

  /** Sends `signal` to the process; SIGSTOP pauses it until SIGCONT. */
  signal(signal: Deno.Signal): void {
    this.#child?.kill(signal);
    if (signal === "SIGSTOP") this.#paused = true;
    if (signal === "SIGCONT") this.#paused = false;
  }

  /** Kills the process and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined) return;
    this.#child = undefined;
    this.#paused = false;
    try {
      child.kill("SIGCONT");
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
    await child.status;
  }
}

/** A port pair (`port`, `port + 10000` for the cluster bus) that was free a moment ago. */
export function freeClusterPort(taken: Set<number>): number {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 35000);
    if (taken.has(port) || taken.has(port + 10000)) continue;
    const listeners: Deno.Listener[] = [];
    try {
      listeners.push(Deno.listen({ hostname: "127.0.0.1", port }));
      listeners.push(Deno.listen({ hostname: "127.0.0.1", port: port + 10000 }));
      taken.add(port).add(port + 10000);
      return port;
    } catch {
      // in use: try another
    } finally {
      for (const listener of listeners) listener.close();
    }
  }
  throw new Error("Cannot find a free port pair for a cluster node");
}
