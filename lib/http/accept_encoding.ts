/**
 * `Accept-Encoding` (RFC 9110 §12.5.3): which content coding a response may use, by the
 * request's q-values.
 *
 * @module
 */

/** A content coding Beacon can send: brotli, gzip, or none. */
export type ContentCoding = "br" | "gzip" | "identity";

/** The codings a stored representation has, in the order of preference on a tie. */
export const CODINGS: readonly ContentCoding[] = ["br", "gzip", "identity"];

/** The q-value of each coding a request named, and of `*` (-1 where not named). */
interface Weights {
  br: number;
  gzip: number;
  identity: number;
  any: number;
}

const cache = new Map<string, Weights>();
const CACHE_MAX = 64;

/**
 * The coding to send: the acceptable coding among `available` with the highest q-value, br
 * before gzip before identity on a tie. A request without `Accept-Encoding` gets identity
 * (RFC 9110 §12.5.3: any coding is acceptable, but identity is the safe choice). Identity is
 * acceptable unless the field says `identity;q=0` (or `*;q=0` without naming identity); when
 * nothing is acceptable, identity is sent anyway, as the RFC allows.
 *
 * @param header The `Accept-Encoding` field value, or null when absent.
 * @param available The codings the representation exists in. Default all three.
 * @returns The coding to use.
 * @example
 * ```ts
 * import { negotiateCoding } from "./accept_encoding.ts";
 * negotiateCoding("gzip, deflate, br;q=0.9"); // "gzip"
 * negotiateCoding("gzip;q=0, identity"); // "identity"
 * negotiateCoding(null); // "identity"
 * ```
 */
export function negotiateCoding(
  header: string | null,
  available: readonly ContentCoding[] = CODINGS,
): ContentCoding {
  if (header === null) return "identity";
  const weights = weightsOf(header);
  let best: ContentCoding = "identity";
  let bestQ = 0;
  for (const coding of CODINGS) {
    if (!available.includes(coding)) continue;
    const q = qualityOf(weights, coding);
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}

/**
 * Whether a request's `Accept-Encoding` allows `coding`: identity unless refused, any other
 * coding only when named (or covered by `*`) with a q-value above zero.
 *
 * @param header The `Accept-Encoding` field value, or null when absent.
 * @param coding The coding in question.
 * @returns Whether it may be sent.
 * @example
 * ```ts
 * import { acceptsCoding } from "./accept_encoding.ts";
 * acceptsCoding("gzip, br", "br"); // true
 * acceptsCoding("gzip", "br"); // false
 * ```
 */
export function acceptsCoding(header: string | null, coding: ContentCoding): boolean {
  if (header === null) return coding === "identity";
  return qualityOf(weightsOf(header), coding) > 0;
}

function qualityOf(weights: Weights, coding: ContentCoding): number {
  const named = weights[coding];
  if (named >= 0) return named;
  if (weights.any >= 0) return weights.any;
  // identity is acceptable unless excluded (RFC 9110 §12.5.3); other codings must be named.
  return coding === "identity" ? 0.001 : 0;
}

/** Parses the field once per distinct value: browsers send the same few strings. */
function weightsOf(header: string): Weights {
  let weights = cache.get(header);
  if (weights) return weights;
  weights = { br: -1, gzip: -1, identity: -1, any: -1 };
  for (const member of header.split(",")) {
    const [rawName, ...params] = member.split(";");
    const name = rawName.trim().toLowerCase();
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=");
      if (key.trim().toLowerCase() !== "q") continue;
      const parsed = Number(value?.trim());
      q = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0;
    }
    const key = name === "*" ? "any" : name === "x-gzip" ? "gzip" : name;
    if (key === "br" || key === "gzip" || key === "identity" || key === "any") {
      weights[key] = Math.max(weights[key], q);
    }
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(header, weights);
  return weights;
}
