/**
 * Cheap weak entity tags (RFC 9110 §8.8.3) from the versions a representation depends on.
 *
 * @module
 */

const FNV_OFFSET = [0x2325, 0x8422, 0x9ce4, 0xcbf2]; // 0xcbf29ce484222325, 16-bit limbs
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * A weak entity tag, `W/"<11 base64url chars>"`, from the FNV-1a 64 hash of `parts`.
 *
 * Each part is framed as its kind (`s` or `n`), its length, `:` and its UTF-8 bytes, so
 * `["a,b"]` and `["a", "b"]` differ and `1` differs from `"1"`. The tag is weak because it
 * names what a representation shows, not its bytes (a page rendered again for the same tag is
 * equivalent, not byte-identical); weak comparison is all `If-None-Match` uses anyway. Each
 * content coding of the representation has a tag of its own ({@linkcode codedEtag}).
 * FNV-1a is synchronous and allocation-free, cheap enough for every request; it is not a MAC,
 * which is fine because the parts are not secret and a tag only ever selects a 304.
 *
 * @param parts The build id, the variant (user, role, flag bucket) and topic versions.
 * @returns The tag, quotes included, ready for the `ETag` header.
 * @throws {RangeError} When a number part is not finite.
 * @example
 * ```ts
 * import { weakEtag } from "./etag.ts";
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
 * The entity tag of a representation in a content coding (RFC 9110 §8.8.3.3: the br and gzip
 * bodies are representations of their own): `W/"x"` → `W/"x-br"`, `W/"x-gzip"`; identity
 * keeps the tag. The suffixes are the ones Apache's `mod_brotli` and `mod_deflate` add, so a
 * tag a proxy coded the same way still compares equal.
 *
 * @param etag The tag of the identity representation, `W/"…"` or `"…"`.
 * @param coding The content coding sent.
 * @returns The tag to send with that coding.
 * @example
 * ```ts
 * import { codedEtag } from "./etag.ts";
 * console.log(codedEtag('W/"abc"', "br")); // W/"abc-br"
 * console.log(codedEtag('W/"abc"', "identity")); // W/"abc"
 * ```
 */
export function codedEtag(etag: string, coding: "br" | "gzip" | "identity"): string {
  return coding === "identity" ? etag : `${etag.slice(0, -1)}-${coding}"`;
}
