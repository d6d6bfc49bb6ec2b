/**
 * How the live store gathers invalidations into bursts: events are coalesced until none has
 * come for a frame (16 ms, and never longer than 100 ms after the first), then sent as one;
 * while one is in flight, new events wait for one follow-up, coalesced the same way. A burst
 * that fails is sent again with exponential back-off.
 *
 * The commits of a burst of writes to one project reach the socket some milliseconds apart
 * (each bumps the project's version row, so they commit one after another): a fixed window
 * opened by the first event would split such a burst.
 *
 * @module
 */

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 15_000;

/** Options of {@linkcode Bursts}. */
export interface BurstsOptions {
  /** Milliseconds without an event after which a burst is sent. Default 16. */
  coalesceMs?: number;
  /** The most milliseconds a burst waits after its first event. Default 100. */
  coalesceMaxMs?: number;
  /** Sends one burst; a rejection sends its paths again later. */
  send(paths: string[]): Promise<void>;
  /** Called each time nothing is left pending or in flight. */
  settled?(): void;
}

/**
 * Paths waiting to be revalidated, sent in bursts.
 *
 * @example
 * ```ts
 * import { Bursts } from "./bursts.ts";
 * const sent: string[][] = [];
 * const bursts = new Bursts({ send: (paths) => Promise.resolve(void sent.push(paths)) });
 * bursts.add(["/api/context"]);
 * bursts.add(["/api/projects/p1"]);
 * await bursts.whenIdle();
 * console.log(sent); // [["/api/context", "/api/projects/p1"]]
 * ```
 */
export class Bursts {
  #options: BurstsOptions;
  #coalesceMs: number;
  #coalesceMaxMs: number;
  #pending = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the burst being gathered began; 0 when none is. */
  #burstStart = 0;
  #flight: Promise<void> | null = null;
  #failures = 0;
  #idle: (() => void)[] = [];

  /** @param options The coalescing windows and how to send. */
  constructor(options: BurstsOptions) {
    this.#options = options;
    this.#coalesceMs = options.coalesceMs ?? 16;
    this.#coalesceMaxMs = options.coalesceMaxMs ?? 100;
  }

  /** Whether anything is pending, scheduled or in flight. */
  get busy(): boolean {
    return this.#pending.size > 0 || this.#flight !== null || this.#timer !== undefined;
  }

  /** Adds paths to the next burst and schedules it. */
  add(paths: Iterable<string>): void {
    let added = false;
    for (const path of paths) {
      this.#pending.add(path);
      added = true;
    }
    if (added) this.#gather();
  }

  /** Resolves when nothing is pending or in flight. */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Waits a quiet frame more for the burst, within its longest wait; a flight waits itself. */
  #gather(): void {
    // A failed burst's retry keeps its back-off.
    if (this.#flight || (this.#failures > 0 && this.#timer !== undefined)) return;
    const now = Date.now();
    if (this.#burstStart === 0) this.#burstStart = now;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const left = this.#burstStart + this.#coalesceMaxMs - now;
    this.#schedule(Math.max(0, Math.min(this.#coalesceMs, left)));
  }

  #schedule(delay: number): void {
    if (this.#timer !== undefined || this.#flight) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run();
    }, delay);
  }

  async #run(): Promise<void> {
    if (this.#flight || this.#pending.size === 0) return this.#settle();
    const paths = [...this.#pending];
    this.#pending.clear();
    this.#burstStart = 0;
    let ok = true;
    this.#flight = this.#options.send(paths).catch(() => {
      ok = false;
      for (const path of paths) this.#pending.add(path);
    });
    await this.#flight;
    this.#flight = null;
    if (ok) this.#failures = 0;
    else this.#failures++;
    if (this.#pending.size > 0) {
      if (ok) return this.#gather();
      this.#schedule(Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (this.#failures - 1)));
      return;
    }
    this.#settle();
  }

  #settle(): void {
    if (this.busy) return;
    this.#options.settled?.();
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}
