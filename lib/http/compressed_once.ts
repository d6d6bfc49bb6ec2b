/**
 * Answers that many requests receive alike, compressed once. After a write, every open page of
 * a reader revalidates with the same tags and gets the same batch text; compressing each of
 * those answers anew (`compressedResponse`) cost the instances more CPU than everything else
 * they did for the burst. The last few texts' coded bytes are kept, by coding and text.
 *
 * @module
 */
import type { Context } from "hono";
import { type ContentCoding, negotiateCoding } from "./accept_encoding.ts";
import { compress, COMPRESS_MIN_BYTES } from "./compression.ts";

const CODINGS: readonly ContentCoding[] = ["br", "gzip", "identity"];

/** Options of {@linkcode CompressedOnce}. */
export interface CompressedOnceOptions {
  /** Texts kept (each in the codings asked for). Default 64. */
  maxTexts?: number;
}

/**
 * Keeps the coded bytes of recent answers.
 *
 * @example
 * ```ts ignore
 * const shared = new CompressedOnce();
 * return await shared.respond(c, JSON.stringify(answer), { contentType: "application/json" });
 * ```
 */
export class CompressedOnce {
  #coded = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  #maxTexts: number;
  /** Answers compressed, and answers that took bytes compressed before. */
  readonly counts = { compressed: 0, reused: 0 };

  /** @param options How many texts to keep. */
  constructor(options: CompressedOnceOptions = {}) {
    this.#maxTexts = options.maxTexts ?? 64;
  }

  /**
   * Answers with `text` in the coding the request allows (none below `COMPRESS_MIN_BYTES`),
   * from bytes compressed for an earlier answer of the same text when there is one.
   *
   * @param c The request's context; headers set on it before are kept.
   * @param text The body.
   * @param options The `Content-Type`.
   * @returns The response.
   */
  async respond(c: Context, text: string, options: { contentType: string }): Promise<Response> {
    const coding = text.length < COMPRESS_MIN_BYTES / 3
      ? "identity"
      : negotiateCoding(c.req.raw.headers.get("accept-encoding"), CODINGS);
    c.header("Content-Type", options.contentType);
    if (coding === "identity") return c.body(text);
    const key = `${coding}\n${text}`;
    let coded = this.#coded.get(key);
    if (coded === undefined) {
      const bytes = new TextEncoder().encode(text);
      if (bytes.byteLength < COMPRESS_MIN_BYTES) return c.body(bytes);
      this.counts.compressed++;
      coded = compress(bytes, coding);
      coded.catch(() => this.#coded.delete(key));
      if (this.#coded.size >= this.#maxTexts) {
        this.#coded.delete(this.#coded.keys().next().value!);
      }
      this.#coded.set(key, coded);
    } else {
      this.counts.reused++;
    }
    c.header("Content-Encoding", coding);
    return c.body(await coded);
  }
}
