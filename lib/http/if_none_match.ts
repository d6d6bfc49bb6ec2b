/**
 * `If-None-Match` (RFC 9110 §13.1.2): a scanner for the field, and weak comparison against the
 * current ETag.
 *
 * @module
 */
import type { ContentCoding } from "./accept_encoding.ts";

/** A parsed `If-None-Match` field. */
export interface IfNoneMatch {
  /** The field was `*`: any current representation matches. */
  any: boolean;
  /** The opaque tags without `W/` and without quotes, in order. */
  tags: string[];
}

const DQUOTE = 0x22;
const COMMA = 0x2c;

/**
 * Parses `If-None-Match` (RFC 9110 §13.1.2) with a scanner, not `split(",")`: an opaque tag
 * may itself contain commas. Repeated fields are joined as one list. Members that are not
 * `*`, `"tag"` or `W/"tag"` are skipped; this never throws.
 *
 * @param values The field value, or each value of a repeated field; `null` when absent.
 * @returns `null` when the field is absent or holds no valid member (an invalid field is
 * ignored, RFC 9110 §5.5), otherwise whether it was `*` and the opaque tags.
 * @example
 * ```ts
 * import { parseIfNoneMatch } from "./if_none_match.ts";
 * parseIfNoneMatch(['W/"a", "b,c"', "junk, \"d\""]);
 * // { any: false, tags: ["a", "b,c", "d"] }
 * ```
 */
export function parseIfNoneMatch(
  values: string | readonly string[] | null | undefined,
): IfNoneMatch | null {
  if (values === null || values === undefined) return null;
  const text = typeof values === "string" ? values : values.join(", ");
  const result: IfNoneMatch = { any: false, tags: [] };
  let i = 0;
  while (i < text.length) {
    i = skipWhitespace(text, i);
    if (i >= text.length) break;
    if (text.charCodeAt(i) === COMMA) {
      i++;
      continue;
    }
    const member = scanMember(text, i);
    if (member.tag !== null) result.tags.push(member.tag);
    else if (member.any) result.any = true;
    i = member.end;
  }
  return result.any || result.tags.length ? result : null;
}

interface ScannedMember {
  /** The opaque tag, or null for `*` or a malformed member. */
  tag: string | null;
  any: boolean;
  /** Where the scan continues: just past the member's separator, or the end. */
  end: number;
}

/** Scans one list member starting at `start`; a malformed one is skipped up to the next comma. */
function scanMember(text: string, start: number): ScannedMember {
  let i = start;
  let any = false;
  let tag: string | null = null;
  if (text[i] === "*") {
    any = true;
    i++;
  } else {
    if (text.startsWith("W/", i)) i += 2;
    if (text.charCodeAt(i) === DQUOTE) {
      const close = closingQuote(text, i + 1);
      if (close !== -1) {
        tag = text.slice(i + 1, close);
        i = close + 1;
      }
    }
  }
  const after = skipWhitespace(text, i);
  if ((any || tag !== null) && (after >= text.length || text.charCodeAt(after) === COMMA)) {
    return { tag, any, end: after + 1 };
  }
  const comma = text.indexOf(",", i === start ? start + 1 : i);
  return { tag: null, any: false, end: comma === -1 ? text.length : comma + 1 };
}

/** Index of the quote that ends an opaque tag opened before `from`; -1 if a char is not etagc. */
function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === DQUOTE) return i;
    // etagc = %x21 / %x23-7E / obs-text
    if (code < 0x21 || code === 0x7f || code > 0xff) return -1;
  }
  return -1;
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  return i;
}

/**
 * The opaque tag of an entity tag, without `W/` and quotes: `W/"x"` and `"x"` both give `x`.
 *
 * @throws {TypeError} When `etag` is not a valid entity tag.
 * @example
 * ```ts
 * import { opaqueTag } from "./if_none_match.ts";
 * console.log(opaqueTag('W/"abc"')); // "abc"
 * ```
 */
export function opaqueTag(etag: string): string {
  const start = etag.startsWith("W/") ? 2 : 0;
  const close = etag.charCodeAt(start) === DQUOTE ? closingQuote(etag, start + 1) : -1;
  if (close === -1 || close !== etag.length - 1) {
    throw new TypeError(`Cannot use ETag ${JSON.stringify(etag)}: expected "tag" or W/"tag"`);
  }
  return etag.slice(start + 1, close);
}

/**
 * Whether `If-None-Match` matches the current representation, by weak comparison (RFC 9110
 * §8.8.3.2): `W/"a"` and `"a"` match each other, since `Deno.serve` turns a strong tag weak
 * when it compresses. A tag with the `-gzip` or `-br` suffix that Apache's `mod_deflate` and
 * `mod_brotli` add inside the quotes matches as well. `*` matches only a representation known
 * to exist (RFC 9110 §13.1.2): a caller that has not loaded the resource yet passes
 * `{ exists: false }`, and asks again once it has.
 *
 * @param header The `If-None-Match` value(s); `null` when absent (never matches).
 * @param currentEtag The ETag the 200 would carry.
 * @param options `exists`: whether the resource is known to exist. Default true.
 * @throws {TypeError} When `currentEtag` is not a valid entity tag.
 * @example
 * ```ts
 * import { ifNoneMatchHits } from "./if_none_match.ts";
 * console.log(ifNoneMatchHits('"x", "abc"', 'W/"abc"')); // true
 * ```
 */
export function ifNoneMatchHits(
  header: string | readonly string[] | null | undefined,
  currentEtag: string,
  options: { exists?: boolean } = {},
): boolean {
  const parsed = parseIfNoneMatch(header);
  return parsed !== null && matches(parsed, currentEtag, options.exists ?? true);
}

/**
 * Whether a parsed `If-None-Match` matches the current ETag, by weak comparison; `*` only when
 * the resource is known to exist.
 *
 * @example
 * ```ts
 * import { matches, parseIfNoneMatch } from "./if_none_match.ts";
 * matches(parseIfNoneMatch('"abc"')!, 'W/"abc"', true); // true
 * ```
 */
export function matches(held: IfNoneMatch, currentEtag: string, exists: boolean): boolean {
  if (held.any) return exists;
  const current = opaqueTag(currentEtag);
  return held.tags.some((tag) =>
    tag === current || tag === `${current}-gzip` || tag === `${current}-br`
  );
}

/** Options of {@linkcode matchingEtag}. */
export interface MatchingEtagOptions {
  /** Whether the resource is known to exist; `*` matches only then. */
  exists: boolean;
  /** Whether this request may be answered in a coding (its `Accept-Encoding`, what exists). */
  accepts(coding: ContentCoding): boolean;
  /** The coding a 200 would use now, when known: its tag wins among several held. */
  preferred?: ContentCoding;
}

const SUFFIXES: readonly [ContentCoding, string][] = [
  ["identity", ""],
  ["gzip", "-gzip"],
  ["br", "-br"],
];

/**
 * The entity tag a 304 should carry, or null when nothing held matches: a held tag matches
 * when it names the current representation in a coding this request may receive — the base
 * tag (identity), or it with `-gzip` or `-br` (RFC 9110 §8.8.3.3, {@linkcode codedEtag}). The
 * 304 carries that held tag, so the client's cache freshens the coding it holds (RFC 9111
 * §4.3.4); when it holds several, the one a 200 would send now is preferred. `*` matches a
 * resource known to exist and gets the preferred coding's tag.
 *
 * @param held The parsed `If-None-Match`.
 * @param currentEtag The tag of the current identity representation.
 * @param options Existence, the acceptable codings and the preferred one.
 * @returns The tag for the 304, `W/` and quotes included, or null.
 * @throws {TypeError} When `currentEtag` is not a valid entity tag.
 * @example
 * ```ts
 * import { matchingEtag, parseIfNoneMatch } from "./if_none_match.ts";
 * const held = parseIfNoneMatch('W/"abc-gzip"')!;
 * matchingEtag(held, 'W/"abc"', { exists: true, accepts: () => true }); // 'W/"abc-gzip"'
 * matchingEtag(held, 'W/"abc"', { exists: true, accepts: (c) => c !== "gzip" }); // null
 * ```
 */
export function matchingEtag(
  held: IfNoneMatch,
  currentEtag: string,
  options: MatchingEtagOptions,
): string | null {
  const current = opaqueTag(currentEtag);
  const prefix = currentEtag.startsWith("W/") ? "W/" : "";
  if (held.any) {
    if (!options.exists) return null;
    const coding = options.preferred ?? "identity";
    return `${prefix}"${current}${coding === "identity" ? "" : `-${coding}`}"`;
  }
  let first: string | null = null;
  for (const tag of held.tags) {
    if (!tag.startsWith(current)) continue;
    const suffix = tag.slice(current.length);
    const coding = SUFFIXES.find(([, s]) => s === suffix)?.[0];
    if (coding === undefined || !options.accepts(coding)) continue;
    if (coding === options.preferred) return `${prefix}"${tag}"`;
    first ??= `${prefix}"${tag}"`;
  }
  return first;
}
