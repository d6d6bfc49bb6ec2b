/**
 * Content codings (brotli and gzip, `node:zlib`) at the levels `bench/compression_levels.ts`
 * chose on the dashboard page (see `docs/performance.md`, "Compression"):
 *
 * - what is compressed once and kept (a stored page): brotli 5 and gzip 6. Brotli 11 would be
 *   11 % smaller but takes ~85× as long, and a page is compressed again after every write;
 * - what is compressed for one response (JSON, a page that is not stored): brotli 4 and gzip 5,
 *   about half the time for 1–3 % more bytes.
 *
 * @module
 */
import { brotliCompress, constants, gunzipSync, gzip } from "node:zlib";
import type { ContentCoding } from "./accept_encoding.ts";

/** Levels of one use: brotli quality (0–11) and gzip level (1–9). */
export interface CompressionLevels {
  br: number;
  gzip: number;
}

/** Levels for what is compressed once and kept. */
export const STORED_LEVELS: CompressionLevels = { br: 5, gzip: 6 };

/** Levels for what is compressed for one response. */
export const PER_RESPONSE_LEVELS: CompressionLevels = { br: 4, gzip: 5 };

/**
 * Bodies smaller than this are sent as they are: one TCP segment (MSS 1,460 bytes, less
 * headers) carries them either way, so compressing saves no packet — a 1,400-byte JSON body
 * gzips to ~620 bytes in ~20 µs, a 336-byte `/api/context` saves 60 bytes for the same cost.
 */
export const COMPRESS_MIN_BYTES = 1400;

/** A body in the codings it was compressed to. */
export interface CompressedBodies {
  br: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
}

/**
 * Compresses `body` with one coding, on zlib's thread pool (the event loop goes on meanwhile).
 *
 * @param body The bytes.
 * @param coding `br` or `gzip` (`identity` returns `body`).
 * @param levels The levels. Default {@linkcode PER_RESPONSE_LEVELS}.
 * @returns The coded bytes.
 * @example
 * ```ts
 * import { compress } from "./compression.ts";
 * const coded = await compress(new TextEncoder().encode("a".repeat(4096)), "gzip");
 * console.log(coded.byteLength < 100); // true
 * ```
 */
export function compress(
  body: Uint8Array<ArrayBuffer>,
  coding: ContentCoding,
  levels: CompressionLevels = PER_RESPONSE_LEVELS,
): Promise<Uint8Array<ArrayBuffer>> {
  if (coding === "identity") return Promise.resolve(body);
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, result: Uint8Array) => {
      if (error) {
        reject(new Error(`Cannot ${coding}-compress ${body.byteLength} bytes`, { cause: error }));
      } else {resolve(
          new Uint8Array(result.buffer as ArrayBuffer, result.byteOffset, result.byteLength),
        );}
    };
    if (coding === "gzip") gzip(body, { level: levels.gzip }, done);
    else {
      brotliCompress(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: levels.br,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      }, done);
    }
  });
}

/**
 * Compresses `body` with brotli and gzip at {@linkcode STORED_LEVELS}, both at once.
 *
 * @param body The bytes to keep.
 * @returns Both codings.
 * @example
 * ```ts
 * import { compressForStorage } from "./compression.ts";
 * const { br, gzip } = await compressForStorage(new TextEncoder().encode("<p>hi</p>"));
 * console.log(br.byteLength > 0 && gzip.byteLength > 0); // true
 * ```
 */
export async function compressForStorage(body: Uint8Array<ArrayBuffer>): Promise<CompressedBodies> {
  const [br, gz] = await Promise.all([
    compress(body, "br", STORED_LEVELS),
    compress(body, "gzip", STORED_LEVELS),
  ]);
  return { br, gzip: gz };
}

/**
 * The original bytes of a gzip body, for the rare client that accepts no coding.
 *
 * @param gzipped A gzip member.
 * @returns The bytes it holds.
 * @example
 * ```ts
 * import { gzipSync } from "node:zlib";
 * import { gunzip } from "./compression.ts";
 * console.log(new TextDecoder().decode(gunzip(gzipSync("hi")))); // "hi"
 * ```
 */
export function gunzip(gzipped: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = gunzipSync(gzipped);
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}
