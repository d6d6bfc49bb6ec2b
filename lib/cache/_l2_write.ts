/**
 * Writing a loaded value to L2: sealed fields encrypted, the set and the lease's release issued
 * in the same tick (so Redis applies the SET before the release).
 *
 * @module
 */
import type { FieldCipher } from "./crypto.ts";
import type { CacheKey } from "./keys.ts";
import type { L2Guard } from "./l2_guard.ts";
import { encodeEnvelope, type Timed } from "./_envelope.ts";
import { releaseLease } from "./_lease.ts";

/** How a value goes to L2. */
export interface L2WriteOptions {
  /** Dotted paths of fields to encrypt. */
  fields: readonly string[];
  /** The cipher; without it a value with sensitive fields stays in L1 only. */
  cipher?: FieldCipher;
  /** Leave L2 alone (it failed for this fill, or the value is kept in L1 only). */
  skip: boolean;
  /** The lease held for this key, released either way. */
  token?: string;
}

/**
 * Stores `timed` (serialised as `json`) in L2 for the rest of its grace, and releases the
 * lease. Sensitive fields never reach L2 in plaintext.
 *
 * @example
 * ```ts ignore
 * await writeToL2(guard, key, timed, json, { fields: [], skip: false, token });
 * ```
 */
export async function writeToL2(
  guard: L2Guard | undefined,
  key: CacheKey,
  timed: Timed,
  json: string,
  options: L2WriteOptions,
): Promise<void> {
  if (guard === undefined) return;
  const { fields, cipher, skip, token } = options;
  if (!skip && (fields.length === 0 || cipher !== undefined)) {
    const seal = fields.length > 0
      ? { cipher: cipher!, fields, ctx: { tenant: key.tenant, key: key.text } }
      : undefined;
    const wire = await encodeEnvelope(timed, json, seal);
    const ttl = timed.staleUntil - Date.now();
    await Promise.all([
      guard.call(key.text, (store) => store.set(key.text, wire, ttl)),
      token !== undefined ? releaseLease(guard, key.text, token) : undefined,
    ]);
  } else if (token !== undefined) {
    await releaseLease(guard, key.text, token);
  }
}
