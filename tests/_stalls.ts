/**
 * When this test process could not run. The servers under test share the process with their
 * clients, and the machine is shared: a request may wait for a CPU, not for the app. A 10 ms
 * timer that fires late marks a gap; the CPU time the main thread (where every request is
 * handled) used during the gap tells the two apart. The part of a gap it did not spend on the
 * CPU is time it was not scheduled, which latency checks may set aside; code of ours that blocks
 * the event loop uses the CPU, so it is never set aside.
 *
 * @module
 */
import process from "node:process";

/** Linux's clock ticks per second for `/proc` times (`USER_HZ`). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time of the calling thread (the main thread: sync file reads run on it), in milliseconds,
 * from `/proc/thread-self/stat`; the whole process's where that is not readable.
 */
function threadCpuMs(): number {
  try {
    const stat = Deno.readTextFileSync("/proc/thread-self/stat");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15; `fields` starts at field 3.
    return (Number(fields[11]) + Number(fields[12])) * 1000 / TICKS_PER_SECOND;
  } catch {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
}

/** One late tick: wall-clock span (`performance.now()` ms) and the main thread's CPU time in it. */
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
  #lastCpu = threadCpuMs();

  /** @param thresholdMs A tick this much later than the previous one is a gap. Default 50. */
  constructor(thresholdMs = 50) {
    this.#timer = setInterval(() => {
      const now = performance.now();
      const cpu = threadCpuMs();
      if (now - this.#lastAt > thresholdMs) {
        this.gaps.push({ start: this.#lastAt, end: now, cpuMs: cpu - this.#lastCpu });
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
