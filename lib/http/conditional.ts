/**
 * Conditional requests (RFC 9110 §13) for per-user pages: a cheap weak ETag built from the
 * versions a page depends on, `If-None-Match` parsing and weak comparison, and the `304 Not
 * Modified` answer that carries the same caching headers as the `200` would.
 *
 * The route computes the ETag from versions it already holds in memory and calls
 * {@linkcode checkConditional} before it loads or renders anything.
 *
 * @module
 */
import type { Context } from "hono";

/** A parsed `If-None-Match` field. */
export interface IfNoneMatch {
  /** The field was `*`: any current representation matches. */
  any: boolean;
  /** The opaque tags without `W/` and without quotes, in order. */
  tags: string[];
}

/** Options of {@linkcode checkConditional}. */
export interface CheckConditionalOptions {
  /**
   * Headers the `304` carries besides `ETag`, `Cache-Control` and `Vary`, such as
   * `Cache-Status`. Default none.
   */
  headers?: Record<string, string>;
  /**
   * Whether the resource is known to exist; `If-None-Match: *` matches only then. Default true.
   */
  exists?: boolean;
  /**
   * When the representation last changed. Only consulted for `If-Modified-Since`, and only
   * when the request has no `If-None-Match`. Default none: `If-Modified-Since` never matches.
   */
  lastModified?: Date;
}

const FNV_OFFSET = [0x2325, 0x8422, 0x9ce4, 0xcbf2]; // 0xcbf29ce484222325, 16-bit limbs
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DQUOTE = 0x22;
const COMMA = 0x2c;

/**
 * A weak entity tag, `W/"<11 base64url chars>"`, from the FNV-1a 64 hash of `parts`.
 *
 * Each part is framed as its kind (`s` or `n`), its length, `:` and its UTF-8 bytes, so
 * `["a,b"]` and `["a", "b"]` differ and `1` differs from `"1"`. The tag is weak because two
 * 200s for one tag are equivalent but not byte-identical (each page carries its own CSP
 * nonce, and `Deno.serve` may compress); weak comparison is all `If-None-Match` uses anyway.
 * FNV-1a is synchronous and allocation-free, cheap enough for every request; it is not a MAC,
 * which is fine because the parts are not secret and a tag only ever selects a 304.
 *
 * @param parts The build id, the variant (user, role, flag bucket) and topic versions.
 * @returns The tag, quotes included, ready for the `ETag` header.
 * @throws {RangeError} When a number part is not finite.
 * @example
 * ```ts
 * import { weakEtag } from "./conditional.ts";
 * const etag = weakEtag(["build-7", "user-1", "owner", 3, 41]);
 * console.log(etag.startsWith('W/"') && etag.length === 16); // true
 * ```
 */
export function weakEtag(parts: readonly (string | number)[]): string {
  const h = FNV_OFFSET.slice();
  for (const part of parts) {
    let text: string;
    if (typeof part === "number") {
      if (!Number.isFinite(part)) {
        throw new RangeError(`Cannot hash ETag part ${part}: numbers must be finite`);
      }
      text = String(part);
      hashByte(h, 0x6e); // "n"
    } else {
      text = part;
      hashByte(h, 0x73); // "s"
    }
    hashAscii(h, String(text.length));
    hashByte(h, 0x3a); // ":"
    hashUtf8(h, text);
  }
  return `W/"${base64url64(h)}"`;
}

/** One FNV-1a 64 step on four 16-bit limbs (little end first); exact in float64. */
function hashByte(h: number[], byte: number): void {
  h[0] ^= byte;
  // h * 0x100000001b3 mod 2^64 = h * 0x1b3 + (h << 40)
  const t0 = h[0] * 0x1b3;
  const t1 = h[1] * 0x1b3 + (t0 >>> 16);
  const t2 = h[2] * 0x1b3 + (h[0] << 8) + (t1 >>> 16);
  const t3 = h[3] * 0x1b3 + (h[1] << 8) + (t2 >>> 16);
  h[0] = t0 & 0xffff;
  h[1] = t1 & 0xffff;
  h[2] = t2 & 0xffff;
  h[3] = t3 & 0xffff;
}

function hashAscii(h: number[], text: string): void {
  for (let i = 0; i < text.length; i++) hashByte(h, text.charCodeAt(i));
}

/** Hashes the UTF-8 bytes of `text` without allocating them; a lone surrogate is U+FFFD. */
function hashUtf8(h: number[], text: string): void {
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      hashByte(h, code);
      continue;
    }
    if (code < 0x800) {
      hashByte(h, 0xc0 | (code >> 6));
      hashByte(h, 0x80 | (code & 0x3f));
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
        hashByte(h, 0xf0 | (code >> 18));
        hashByte(h, 0x80 | ((code >> 12) & 0x3f));
        hashByte(h, 0x80 | ((code >> 6) & 0x3f));
        hashByte(h, 0x80 | (code & 0x3f));
        continue;
      }
      code = 0xfffd;
    }
    hashByte(h, 0xe0 | (code >> 12));
    hashByte(h, 0x80 | ((code >> 6) & 0x3f));
    hashByte(h, 0x80 | (code & 0x3f));
  }
}

/** The 8 hash bytes, most significant first, as 11 unpadded base64url characters. */
function base64url64(h: number[]): string {
  const bytes = [
    h[3] >> 8,
    h[3] & 0xff,
    h[2] >> 8,
    h[2] & 0xff,
    h[1] >> 8,
    h[1] & 0xff,
    h[0] >> 8,
    h[0] & 0xff,
    0,
  ];
  let out = "";
  for (let i = 0; i < 9; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += BASE64URL[n >> 18] + BASE64URL[(n >> 12) & 63] + BASE64URL[(n >> 6) & 63] +
      BASE64URL[n & 63];
  }
  return out.slice(0, 11);
}

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
 * import { parseIfNoneMatch } from "./conditional.ts";
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
 * import { opaqueTag } from "./conditional.ts";
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
 * import { ifNoneMatchHits } from "./conditional.ts";
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

function matches(held: IfNoneMatch, currentEtag: string, exists: boolean): boolean {
  if (held.any) return exists;
  const current = opaqueTag(currentEtag);
  return held.tags.some((tag) =>
    tag === current || tag === `${current}-gzip` || tag === `${current}-br`
  );
}

/**
 * A `304 Not Modified` with no body that carries what the 200 would: the same `ETag`,
 * `Cache-Control: private, no-cache`, `Vary: Cookie`, plus `headers` (such as
 * `Cache-Status`), which may override the defaults. Headers already set on `c` are kept.
 *
 * @param c The request's context.
 * @param etag The current ETag.
 * @param headers Extra headers for the 304. Default none.
 * @example
 * ```ts ignore
 * return notModified(c, etag, { "Cache-Status": "Beacon; hit" });
 * ```
 */
export function notModified(
  c: Context,
  etag: string,
  headers: Record<string, string> = {},
): Response {
  return c.body(null, 304, {
    "Cache-Control": "private, no-cache",
    Vary: "Cookie",
    ...headers,
    ETag: etag,
  });
}

/**
 * Answers a conditional `GET` or `HEAD` (RFC 9110 §13.2.2): a `304` when `If-None-Match`
 * matches `etag`, otherwise `null` so the route renders the 200. When the request has
 * `If-None-Match`, `If-Modified-Since` is ignored entirely; without it, `If-Modified-Since`
 * is honoured only if `options.lastModified` is given. Before the resource is known to exist,
 * pass `exists: false`; other methods always get `null`.
 *
 * @param c The request's context.
 * @param etag The ETag the 200 would carry.
 * @param options The 304's extra headers and the last-modified time. Default none.
 * @returns The 304, or `null` to carry on.
 * @example
 * ```ts ignore
 * const etag = weakEtag([buildId, ctx.user.id, ctx.role, ...versions]);
 * const cached = checkConditional(c, etag, { headers: { "Cache-Status": "Beacon; hit" } });
 * if (cached) return cached;
 * ```
 */
export function checkConditional(
  c: Context,
  etag: string,
  options: CheckConditionalOptions = {},
): Response | null {
  const method = c.req.method;
  if (method !== "GET" && method !== "HEAD") return null;
  const held = parseIfNoneMatch(c.req.raw.headers.get("if-none-match"));
  if (held) {
    return matches(held, etag, options.exists ?? true)
      ? notModified(c, etag, options.headers)
      : null;
  }
  const since = c.req.raw.headers.get("if-modified-since");
  if (since && options.lastModified) {
    const sinceMs = Date.parse(since);
    // HTTP dates have whole seconds, so compare at that precision.
    if (
      !Number.isNaN(sinceMs) && Math.floor(options.lastModified.getTime() / 1000) * 1000 <= sinceMs
    ) {
      return notModified(c, etag, options.headers);
    }
  }
  return null;
}
