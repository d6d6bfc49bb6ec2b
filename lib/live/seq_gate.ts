/**
 * Waits until this instance has applied every invalidation a client has already heard of.
 *
 * Behind a balancer, a page's socket and its batch can reach different instances: the socket's
 * instance tells the page of a write, and the batch lands on an instance that has not applied
 * it yet — the notification is a few milliseconds away, or the writer's own instance is still
 * refilling before it moves (`bus.hold()`). That instance would answer from the old versions,
 * with the old ETag: a 304, and the page would keep the old data. So the batch says the last
 * sequence number the page saw, and is answered only once every event up to it is applied
 * here: when the notifications arrive, or, if they have not after `timeoutMs`, after one
 * catch-up query shared by every request waiting meanwhile.
 *
 * @module
 */
import type { InvalidationBus } from "./bus.ts";

/** What the gate needs of the bus. */
export type GateBus = Pick<InvalidationBus, "subscribe" | "lowWater" | "catchUp">;

/** Options of {@linkcode SeqGate}. */
export interface SeqGateOptions {
  /**
   * How long to wait for notifications before catching up from the database. Default 250 ms:
   * longer than a writer holds its instance's invalidations (200 ms), so the writer's refill
   * is waited for rather than overtaken.
   */
  timeoutMs?: number;
}

interface Waiter {
  seq: number;
  resolve: () => void;
}

/**
 * One per instance, over its bus.
 *
 * @example
 * ```ts ignore
 * const gate = new SeqGate(bus);
 * await gate.reach(body.seq); // every event up to the page's last one is applied here
 * const answers = await answerAll(body.resources);
 * ```
 */
export class SeqGate {
  #bus: GateBus;
  #timeoutMs: number;
  #waiters = new Set<Waiter>();
  #catchingUp: Promise<void> | null = null;
  #unsubscribe: () => void;
  /** Requests that waited, and those that needed a catch-up query. */
  readonly counts = { waits: 0, catchUps: 0 };

  /** @param bus This instance's bus. @param options The wait before catching up. */
  constructor(bus: GateBus, options: SeqGateOptions = {}) {
    this.#bus = bus;
    this.#timeoutMs = options.timeoutMs ?? 250;
    this.#unsubscribe = bus.subscribe(() => this.#release());
  }

  /**
   * Resolves once every event up to `seq` is applied on this instance: at once when it is
   * already, or when the bus gets there, or after a catch-up from the database. Never rejects:
   * when the catch-up fails too (the database is gone), the caller answers from what it has.
   *
   * @param seq The last sequence number the client saw; 0 or less waits for nothing.
   */
  async reach(seq: number): Promise<void> {
    if (seq <= this.#bus.lowWater) return;
    this.counts.waits++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waiter: Waiter = { seq, resolve: () => {} };
    const arrived = new Promise<boolean>((resolve) => {
      waiter.resolve = () => resolve(true);
      timer = setTimeout(() => resolve(false), this.#timeoutMs);
    });
    this.#waiters.add(waiter);
    try {
      if (await arrived) return;
      if (seq <= this.#bus.lowWater) return;
      await this.#catchUp();
    } finally {
      clearTimeout(timer);
      this.#waiters.delete(waiter);
    }
  }

  /** Stops listening to the bus; waiting requests are let through. */
  close(): void {
    this.#unsubscribe();
    for (const waiter of this.#waiters) waiter.resolve();
    this.#waiters.clear();
  }

  #release(): void {
    if (this.#waiters.size === 0) return;
    const lowWater = this.#bus.lowWater;
    for (const waiter of this.#waiters) {
      if (waiter.seq <= lowWater) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** One catch-up query at a time, shared by every request that waits meanwhile. */
  #catchUp(): Promise<void> {
    this.#catchingUp ??= (async () => {
      this.counts.catchUps++;
      try {
        await this.#bus.catchUp();
      } catch {
        // Answered from what this instance has: the page revalidates again on its next event.
      } finally {
        this.#catchingUp = null;
      }
    })();
    return this.#catchingUp;
  }
}
