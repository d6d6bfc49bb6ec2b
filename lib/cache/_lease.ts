/**
 * Cross-instance single flight: on an L2 miss, take a short lease (`SET NX PX`) and load, or
 * wait for whoever holds it by polling for their value. A crashed leader's lease expires, and
 * the next poll takes it over.
 *
 * @module
 */
import type { Timed } from "./_envelope.ts";
import { type L2Guard, UNAVAILABLE } from "./l2_guard.ts";

/** Appended to a key to name its lease; `!` never occurs in an encoded key. */
export const LEASE_SUFFIX = "!lease";

/** Lease options of a cache. */
export interface LeaseOptions {
  /** Use leases at all (only with L2). Default true. */
  enabled?: boolean;
  /** How long a lease lives unless released (ms). Default 3000. */
  ttlMs?: number;
  /** First pause between polls (ms); it grows by half up to 100 ms. Default 10. */
  pollMs?: number;
  /** Longest a follower waits before loading itself (ms). Default `ttlMs` + 500. */
  maxWaitMs?: number;
}

/** The outcome: lead (`token`), the leader's value (`timed`), or neither (load alone). */
export interface Claim {
  token?: string;
  timed?: Timed;
  /** True when waiting stopped at `giveUpAfterMs`: a stale value may be served instead. */
  gaveUp?: boolean;
  /** True when an L2 call failed or was skipped: leave L2 alone for the rest of this fill. */
  l2Down?: boolean;
}

interface ClaimOptions extends LeaseOptions {
  /** Stop waiting after this long (ms), e.g. when a stale value could be served. */
  giveUpAfterMs?: number;
  /** An L2 value already read and found unusable (stale or undecryptable): not decoded again. */
  known?: string;
  /** Decodes a polled value; undefined if unusable. */
  read: (raw: string) => Timed | undefined | Promise<Timed | undefined>;
  /** Called once when this caller starts waiting. */
  onWait: () => void;
}

/**
 * Takes the lease for `text`, or waits for the holder's value.
 *
 * @param guard Guarded L2; any failure ends the attempt with an empty claim.
 * @param text The cache key.
 * @param options Lease timing, value decoder and wait hook.
 */
export async function claimOrWait(
  guard: L2Guard,
  text: string,
  options: ClaimOptions,
): Promise<Claim> {
  const ttlMs = options.ttlMs ?? 3000;
  const leaseKey = text + LEASE_SUFFIX;
  const token = crypto.randomUUID();
  const waitUntil = Date.now() +
    Math.min(options.maxWaitMs ?? ttlMs + 500, options.giveUpAfterMs ?? Infinity);
  let pause = options.pollMs ?? 10;
  let waited = false;
  while (true) {
    // Both in one round trip; the GET sees a value stored since our first read.
    const [taken, raw] = await Promise.all([
      guard.call(leaseKey, (store) => store.acquireLease(leaseKey, token, ttlMs)),
      guard.call(text, (store) => store.get(text)),
    ]);
    const timed = typeof raw === "string" && raw !== options.known
      ? await options.read(raw)
      : undefined;
    if (timed !== undefined && timed.freshUntil > Date.now()) {
      if (taken === true) await releaseLease(guard, text, token);
      return { timed };
    }
    if (taken === UNAVAILABLE || raw === UNAVAILABLE) {
      if (taken === true) await releaseLease(guard, text, token);
      return { l2Down: true };
    }
    if (taken === true) return { token };
    if (!waited) {
      waited = true;
      options.onWait();
    }
    if (Date.now() + pause > waitUntil) return { gaveUp: true };
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 1.5, 100);
  }
}

/**
 * Releases the lease of `text` if `token` still holds it.
 *
 * @param guard Guarded L2.
 * @param text The cache key.
 * @param token The holder's token.
 */
export function releaseLease(guard: L2Guard, text: string, token: string): Promise<unknown> {
  const leaseKey = text + LEASE_SUFFIX;
  return guard.call(leaseKey, (store) => store.releaseLease(leaseKey, token));
}
