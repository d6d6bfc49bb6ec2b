/**
 * Whether the database server is serving, as the connection layer has seen it: the outcome of
 * real statements, not a lone `SELECT 1`. After consecutive failures that blame the server it
 * counts as down: calls fail at once instead of queueing behind reconnects, and a probe with a
 * fresh connection runs every few hundred milliseconds until one succeeds.
 *
 * @module
 */
import { DatabaseUnavailableError } from "./unavailable.ts";

/** What {@linkcode Availability.snapshot} reports. */
export interface AvailabilitySnapshot {
  /** `down` while calls are refused without trying; `up` otherwise. */
  status: "up" | "down";
  /** When `status` last changed, in epoch milliseconds. */
  since: number;
  /** When a statement or probe last succeeded, in epoch milliseconds; `null` before any. */
  lastSuccessAt: number | null;
  /** When a failure that blames the server last happened; `null` before any. */
  lastFailureAt: number | null;
  /** The last such failure's message. */
  lastError: string | null;
  /** Failures that blame the server since the last success. */
  consecutiveFailures: number;
  /** Probes run since the server was last seen up. */
  probes: number;
}

/** Options of {@linkcode Availability}; every one has a default. */
export interface AvailabilityOptions {
  /** Consecutive failures blaming the server that make it count as down. Default 2. */
  failureThreshold?: number;
  /** Delay between probes while down, jittered by ±20 %. Default 250 ms. */
  probeIntervalMs?: number;
  /** Called when the server is first counted down, with the failure that tipped it. */
  onDown?: (error: DatabaseUnavailableError) => void;
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * Tracks the server's state from each call's outcome and probes it while it is down.
 *
 * @example
 * ```ts
 * const availability = new Availability(async () => {
 *   // open a fresh connection and run SELECT 1; throw when that fails
 * });
 * availability.admit(); // throws DatabaseUnavailableError while the server counts as down
 * availability.succeeded();
 * availability.snapshot().status; // "up"
 * availability.close();
 * ```
 */
export class Availability {
  #probe: () => Promise<void>;
  #options: Required<Omit<AvailabilityOptions, "onDown">> & Pick<AvailabilityOptions, "onDown">;
  #status: "up" | "down" = "up";
  #since: number;
  #lastSuccessAt: number | null = null;
  #lastFailureAt: number | null = null;
  #lastError: string | null = null;
  #consecutiveFailures = 0;
  #probes = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #closed = false;

  /**
   * @param probe Checks the server with a fresh connection; resolves when it serves.
   * @param options Threshold, probe interval, clock.
   */
  constructor(probe: () => Promise<void>, options: AvailabilityOptions = {}) {
    this.#probe = probe;
    this.#options = {
      failureThreshold: options.failureThreshold ?? 2,
      probeIntervalMs: options.probeIntervalMs ?? 250,
      onDown: options.onDown,
      now: options.now ?? Date.now,
    };
    this.#since = this.#options.now();
  }

  /** Whether calls are refused without trying. */
  get isDown(): boolean {
    return this.#status === "down";
  }

  /** Throws {@linkcode Availability.downError} while the server counts as down. */
  admit(): void {
    if (this.#status === "down") throw this.downError();
  }

  /** The error a call refused without trying gets. */
  downError(): DatabaseUnavailableError {
    return new DatabaseUnavailableError(
      "down",
      `it has not answered since ${new Date(this.#since).toISOString()} (${this.#lastError})`,
    );
  }

  /** Records a call or probe the server answered; the server counts as up again. */
  succeeded(): void {
    this.#lastSuccessAt = this.#options.now();
    this.#consecutiveFailures = 0;
    this.#probes = 0;
    if (this.#status === "down") {
      this.#status = "up";
      this.#since = this.#lastSuccessAt;
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Records a failure; one that blames the server may count it down and start the probes. */
  failed(error: DatabaseUnavailableError): void {
    if (!error.blamesServer) return;
    this.#lastFailureAt = this.#options.now();
    this.#lastError = error.detail;
    this.#consecutiveFailures++;
    if (this.#status === "up" && this.#consecutiveFailures >= this.#options.failureThreshold) {
      this.#status = "down";
      this.#since = this.#lastFailureAt;
      this.#scheduleProbe();
      this.#options.onDown?.(error);
    }
  }

  /** The state, for health reports. */
  snapshot(): AvailabilitySnapshot {
    return {
      status: this.#status,
      since: this.#since,
      lastSuccessAt: this.#lastSuccessAt,
      lastFailureAt: this.#lastFailureAt,
      lastError: this.#lastError,
      consecutiveFailures: this.#consecutiveFailures,
      probes: this.#probes,
    };
  }

  /** Stops probing. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #scheduleProbe(): void {
    if (this.#closed || this.#status === "up") return;
    const jitter = 0.8 + Math.random() * 0.4;
    this.#timer = setTimeout(() => this.#runProbe(), this.#options.probeIntervalMs * jitter);
    Deno.unrefTimer(this.#timer);
  }

  async #runProbe(): Promise<void> {
    this.#timer = undefined;
    this.#probes++;
    try {
      await this.#probe();
      if (!this.#closed) this.succeeded();
    } catch (error) {
      if (this.#closed) return;
      if (error instanceof DatabaseUnavailableError) this.failed(error);
      this.#scheduleProbe();
    }
  }
}
