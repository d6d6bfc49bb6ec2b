/**
 * When this test process could not run. The servers under test share the process with their
 * clients, and the machine is shared: a request may wait for a CPU, not for the app. A 10 ms
 * timer that fires late marks a gap; the CPU time the process used during the gap tells the two
 * apart. The part of a gap not spent on the CPU is time the process was not scheduled, which
 * latency checks may set aside; code of ours that blocks the event loop uses the CPU, so it is
 * never set aside.
 *
 * @module
 */
import process from "node:process";

/** One late tick: wall-clock span (`performance.now()` ms) and the CPU time used in it. */
export interface Gap {
  start: number;
  end: number;
  cpuMs: number;
}

/**
 * Records gaps in a 10 ms timer until stopped.
 *
 * @example
 * ```ts ignore
 * const stalls = new StallMonitor();
 * const started = performance.now();
 * await fetch(url);
 * const waited = performance.now() - started - stalls.unscheduled(started, performance.now());
 * stalls.stop();
 * ```
 */
export class StallMonitor {
  /** The gaps seen so far. */
  readonly gaps: Gap[] = [];
  #timer: ReturnType<typeof setInterval>;
  #lastAt = performance.now();
  #lastCpu = process.cpuUsage();

  /** @param thresholdMs A tick this much later than the previous one is a gap. Default 50. */
  constructor(thresholdMs = 50) {
    this.#timer = setInterval(() => {
      const now = performance.now();
      const cpu = process.cpuUsage();
      if (now - this.#lastAt > thresholdMs) {
        const used = cpu.user - this.#lastCpu.user + cpu.system - this.#lastCpu.system;
        this.gaps.push({ start: this.#lastAt, end: now, cpuMs: used / 1000 });
      }
      this.#lastAt = now;
      this.#lastCpu = cpu;
    }, 10);
  }

  /**
   * Milliseconds of `[start, end]` the process was not scheduled: each overlapping gap's time
   * off the CPU, in proportion to the overlap.
   */
  unscheduled(start: number, end: number): number {
    let total = 0;
    for (const gap of this.gaps) {
      const overlap = Math.min(end, gap.end) - Math.max(start, gap.start);
      if (overlap <= 0) continue;
      const span = gap.end - gap.start;
      total += Math.max(0, span - gap.cpuMs) * overlap / span;
    }
    return total;
  }

  /** The longest gap in `[start, end]`, in milliseconds, with its CPU time. */
  longest(start = -Infinity, end = Infinity): Gap | undefined {
    return this.gaps
      .filter((gap) => gap.end > start && gap.start < end)
      .reduce<Gap | undefined>(
        (max, gap) => !max || gap.end - gap.start > max.end - max.start ? gap : max,
        undefined,
      );
  }

  /** Stops the timer. */
  stop(): void {
    clearInterval(this.#timer);
  }
}
