/**
 * A steady load on several instances for fault tests: readers GET one path in loops on each
 * instance, a writer changes something every few hundred milliseconds, and every answer is
 * counted (5xx, and requests that got no answer at all).
 *
 * @module
 */

/** Options of {@linkcode ClusterLoad}. */
export interface ClusterLoadOptions {
  /** The instances to read from, each with a signed-in cookie. */
  readers: { url: string; cookie: string }[];
  /** The path every reader GETs. */
  path: string;
  /** Loops per instance. Default 3. */
  loopsPerReader?: number;
  /** Pause of each loop between requests, ms. Default 15. */
  pauseMs?: number;
  /** One write, given the status to set (cycling todo → doing → done). */
  write: (status: string) => Promise<Response>;
  /** Time between writes, ms. */
  writeEveryMs: number;
}

const STATUSES = ["doing", "done", "todo"];

/**
 * Runs until stopped.
 *
 * @example
 * ```ts ignore
 * const load = new ClusterLoad({ readers, path, write, writeEveryMs: 250 });
 * load.start();
 * // ... break something ...
 * await load.stop();
 * assert.equal(load.serverErrors, 0);
 * ```
 */
export class ClusterLoad {
  /** Requests answered. */
  requests = 0;
  /** Answers with a 5xx status. */
  serverErrors = 0;
  /** Requests that got no answer. */
  failures = 0;
  /** Writes answered with 303. */
  writes = 0;
  #options: ClusterLoadOptions;
  #running = false;
  #loops: Promise<void>[] = [];

  /** @param options Where to read, what to write, how fast. */
  constructor(options: ClusterLoadOptions) {
    this.#options = options;
  }

  /** Starts the readers and the writer. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const { readers, loopsPerReader = 3 } = this.#options;
    for (const reader of readers) {
      for (let i = 0; i < loopsPerReader; i++) this.#loops.push(this.#read(reader));
    }
    this.#loops.push(this.#writeLoop());
  }

  /** Stops and waits for requests in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops.splice(0));
  }

  async #read(reader: { url: string; cookie: string }): Promise<void> {
    const { path, pauseMs = 15 } = this.#options;
    while (this.#running) {
      await this.#count(() => fetch(reader.url + path, { headers: { cookie: reader.cookie } }));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  async #writeLoop(): Promise<void> {
    for (let i = 0; this.#running; i++) {
      const status = await this.#count(() => this.#options.write(STATUSES[i % STATUSES.length]));
      if (status === 303) this.writes++;
      await new Promise((resolve) => setTimeout(resolve, this.#options.writeEveryMs));
    }
  }

  async #count(send: () => Promise<Response>): Promise<number> {
    try {
      const res = await send();
      await res.body?.cancel();
      this.requests++;
      if (res.status >= 500) this.serverErrors++;
      return res.status;
    } catch {
      this.failures++;
      return 0;
    }
  }
}
