/**
 * Writers' holds on an instance's invalidations: while a writer commits and refills what it
 * changed, notifications wait (at most `maxHoldMs`), so readers move to the new versions only
 * once the new values are there.
 *
 * @module
 */
import type { InvalidationEvent } from "./event.ts";

/** Options of {@linkcode WriteHold}. */
export interface WriteHoldOptions {
  /** The longest a notification waits, however many writers overlap. */
  maxHoldMs: number;
  /** Applies an event the holds let go. */
  apply(event: InvalidationEvent): void;
  /** Schedules a task the owner cancels on close. */
  after(ms: number, task: () => void): void;
}

/** Holds notifications while any writer holds, and releases them in arrival order. */
export class WriteHold {
  #options: WriteHoldOptions;
  #holds = 0;
  #held: InvalidationEvent[] = [];

  /** @param options The bound, how to apply, and the owner's timer. */
  constructor(options: WriteHoldOptions) {
    this.#options = options;
  }

  /** Takes a hold; returns its release, which does nothing when called again. */
  hold(): () => void {
    this.#holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds--;
      if (this.#holds === 0) this.#release();
    };
  }

  /** Keeps `event` back while a hold is taken; false when it may be applied now. */
  offer(event: InvalidationEvent): boolean {
    if (this.#holds === 0) return false;
    this.#held.push(event);
    if (this.#held.length === 1) {
      this.#options.after(this.#options.maxHoldMs, () => this.#release());
    }
    return true;
  }

  #release(): void {
    for (const event of this.#held.splice(0)) this.#options.apply(event);
  }
}

/**
 * Runs a writer's refill with the versions `events` will make current (over `current`), for
 * at most `maxHoldMs`. A refill that fails or runs late is reported, never thrown: the write
 * itself has committed.
 *
 * @param events The writer's events, not yet applied.
 * @param current The versions held now.
 * @param refill What the writer refills, given each topic's coming version.
 * @param options The bound and where failures go.
 * @example
 * ```ts ignore
 * await refillWithin(events, (t) => bus.version(t), (versionOf) => warm(versionOf), { maxHoldMs: 200 });
 * ```
 */
export async function refillWithin(
  events: readonly InvalidationEvent[],
  current: (topic: string) => number,
  refill: (versionOf: (topic: string) => number) => Promise<unknown>,
  options: { maxHoldMs: number; onError?: (error: unknown) => void },
): Promise<void> {
  const next = new Map<string, number>();
  for (const { topic, version } of events) {
    if (version > Math.max(next.get(topic) ?? 0, current(topic))) next.set(topic, version);
  }
  if (next.size === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, options.maxHoldMs);
  });
  try {
    await Promise.race([refill((topic) => next.get(topic) ?? current(topic)), bound]);
  } catch (error) {
    options.onError?.(error);
  } finally {
    clearTimeout(timer);
  }
}
