/**
 * What a server transaction must not do once its caller gave up on it or its connection broke.
 *
 * postgres.js 3.4.9 writes ROLLBACK (or COMMIT) on the transaction's connection after the body
 * settles, even when that connection has just closed: the write is scheduled for a socket that is
 * gone, which throws an uncaught TypeError from `nextWrite` and leaves the pooled connection
 * unable to send anything again (porsager/postgres#1154, #1208). So once the connection broke,
 * the body never settles: the driver has already rejected the transaction, and the server rolls
 * back a transaction whose session ended.
 *
 * @module
 */
import { asUnavailable, type DatabaseUnavailableError } from "./unavailable.ts";

/** Reasons that mean the transaction's own connection is gone. */
const CONNECTION_GONE = new Set(["lost", "refused", "closed"]);

/**
 * The state of one transaction: abandoned by its caller (a deadline passed), or on a broken
 * connection.
 *
 * @example
 * ```ts ignore
 * const guard = new TransactionGuard();
 * const begun = sql.begin(async (tx) => guard.body(() => fn(tx)));
 * begun.catch((error) => guard.observe(error));
 * await Promise.race([begun, guard.abandoned]);
 * ```
 */
export class TransactionGuard {
  #reason?: DatabaseUnavailableError;
  #gone?: DatabaseUnavailableError;
  #entered = false;
  #reject!: (error: DatabaseUnavailableError) => void;
  /** Rejects with the reason once the caller gave up. */
  readonly abandoned: Promise<never> = new Promise((_, reject) => this.#reject = reject);

  constructor() {
    this.abandoned.catch(() => {});
  }

  /** The caller gives up: nothing more runs, and the transaction never commits. */
  abandon(reason: DatabaseUnavailableError): void {
    if (this.#reason) return;
    this.#reason = reason;
    this.#reject(reason);
  }

  /** Notes an error of the transaction or one of its statements; one about the connection ends it. */
  observe(error: unknown): void {
    const unavailable = asUnavailable(error);
    if (unavailable && CONNECTION_GONE.has(unavailable.reason)) this.#gone ??= unavailable;
  }

  /** The first error that said the connection broke, if one did. */
  get connectionError(): DatabaseUnavailableError | undefined {
    return this.#gone;
  }

  /** Whether the body began: BEGIN succeeded. Until then, nothing of the transaction ran. */
  get entered(): boolean {
    return this.#entered;
  }

  /** Throws when no further statement may be sent. */
  check(): void {
    if (this.#reason) throw this.#reason;
    if (this.#gone) throw this.#gone;
  }

  /**
   * Runs the transaction's body. Once its connection broke it never settles, so the driver writes
   * nothing more to that connection; once abandoned it throws, so the driver rolls back.
   */
  async body<T>(fn: () => Promise<T>): Promise<T> {
    this.#entered = true;
    // Begun after its caller gave up: run nothing.
    this.check();
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.observe(error);
      if (this.#gone) return await new Promise<never>(() => {});
      throw error;
    }
    if (this.#gone) return await new Promise<never>(() => {});
    if (this.#reason) throw this.#reason;
    return result;
  }
}
