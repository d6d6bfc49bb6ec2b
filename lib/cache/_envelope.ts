/**
 * The L2 wire form of a cached value: `{"c":created,"f":freshUntil,"s":staleUntil,"d":data}`
 * plus `"x"`, the sealed sensitive fields, when there are any.
 *
 * @module
 */
import { DecryptError, type FieldCipher, type SealContext, type SealedField } from "./crypto.ts";

/** A value with its timing, as both tiers hold it. */
export interface Timed<T = unknown> {
  value: T;
  /** When it was built (epoch ms). */
  created: number;
  /** Fresh until (epoch ms). */
  freshUntil: number;
  /** Servable as stale until (epoch ms). */
  staleUntil: number;
}

interface Wire {
  c: number;
  f: number;
  s: number;
  d: unknown;
  x?: SealedField[];
}

/**
 * Serialises `timed` for L2, sealing `fields` when given.
 *
 * @param timed The value and its timing.
 * @param json `JSON.stringify(timed.value)`, already computed by the caller.
 */
export async function encodeEnvelope(
  timed: Timed,
  json: string,
  seal?: { cipher: FieldCipher; fields: readonly string[]; ctx: SealContext },
): Promise<string> {
  const head = `{"c":${timed.created},"f":${timed.freshUntil},"s":${timed.staleUntil},"d":`;
  if (seal === undefined || seal.fields.length === 0) return head + json + "}";
  const clone = JSON.parse(json);
  const sealed = await seal.cipher.seal(clone, seal.fields, seal.ctx);
  const x = sealed.length > 0 ? `,"x":${JSON.stringify(sealed)}` : "";
  return head + JSON.stringify(clone) + x + "}";
}

/** A parsed L2 value whose sealed fields (if any) are still to be opened. */
export interface Parsed {
  timed: Timed;
  sealed?: SealedField[];
}

/**
 * Parses an L2 value, synchronously; sealed fields are returned, not opened.
 *
 * @param raw The stored text.
 * @returns The value and its sealed fields, or undefined if the text is not an envelope.
 */
export function parseEnvelope(raw: string): Parsed | undefined {
  let wire: Wire;
  try {
    wire = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof wire !== "object" || wire === null || typeof wire.f !== "number") return undefined;
  const timed = { value: wire.d, created: wire.c, freshUntil: wire.f, staleUntil: wire.s };
  return wire.x !== undefined && wire.x.length > 0 ? { timed, sealed: wire.x } : { timed };
}

/**
 * Opens the sealed fields of a parsed value into it.
 *
 * @throws {DecryptError} If there is no cipher, or a field cannot be opened.
 */
export async function openSealed(
  parsed: Parsed & { sealed: SealedField[] },
  ctx: SealContext,
  cipher: FieldCipher | undefined,
): Promise<Timed> {
  if (cipher === undefined) {
    throw new DecryptError(
      `Cannot decrypt cache field "${parsed.sealed[0].p.join(".")}": no cache secret is configured`,
    );
  }
  await cipher.open(parsed.timed.value, parsed.sealed, ctx);
  return parsed.timed;
}
