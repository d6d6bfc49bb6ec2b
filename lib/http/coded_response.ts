/**
 * Responses in the content coding the request's `Accept-Encoding` allows: from bodies coded
 * once and kept ({@linkcode codedResponse}), or coded for this response when large enough
 * ({@linkcode compressedResponse}). The `ETag` names the coding sent (`codedEtag()`).
 *
 * @module
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ContentCoding, negotiateCoding } from "./accept_encoding.ts";
import { compress, COMPRESS_MIN_BYTES, type CompressedBodies, gunzip } from "./compression.ts";
import { codedEtag } from "./etag.ts";

/** What a coded response says besides its body. */
export interface CodedResponseOptions {
  /** The status. Default 200. */
  status?: ContentfulStatusCode;
  /** The `Content-Type`. */
  contentType: string;
  /** The tag of the identity representation; the response carries its coding's tag. */
  etag?: string | null;
}

/**
 * The coding a request gets of a body kept in br and gzip (identity is decoded from gzip).
 *
 * @param request The request.
 * @returns The coding to send.
 * @example
 * ```ts
 * import { storedCodingFor } from "./coded_response.ts";
 * storedCodingFor(new Request("http://x/", { headers: { "accept-encoding": "gzip" } })); // "gzip"
 * ```
 */
export function storedCodingFor(request: Request): ContentCoding {
  return negotiateCoding(request.headers.get("accept-encoding"));
}

/**
 * The body of a kept representation in `coding`: the kept bytes for br and gzip, the gzip body
 * decoded for identity (a client that accepts no coding is rare; only coded bytes are kept).
 *
 * @param bodies The kept codings.
 * @param coding The coding to send.
 * @returns The bytes.
 * @example
 * ```ts ignore
 * const body = storedBody(page, "gzip");
 * ```
 */
export function storedBody(
  bodies: CompressedBodies,
  coding: ContentCoding,
): Uint8Array<ArrayBuffer> {
  return coding === "identity" ? gunzip(bodies.gzip) : bodies[coding];
}

/**
 * Answers with a body kept in br and gzip, in the coding the request allows, with
 * `Content-Encoding` and the coding's `ETag`. Headers set on `c` before (`Vary`,
 * `Cache-Control`, `Cache-Status`) are kept; per-user callers set `Vary: Cookie,
 * Accept-Encoding` with `privateHeaders()`.
 *
 * @param c The request's context.
 * @param bodies The kept codings.
 * @param options Status, content type and the identity tag.
 * @param coding The coding to send, when the caller has chosen it. Default `storedCodingFor()`.
 * @returns The response.
 * @example
 * ```ts ignore
 * return codedResponse(c, stored, { contentType: "text/html; charset=UTF-8", etag });
 * ```
 */
export function codedResponse(
  c: Context,
  bodies: CompressedBodies,
  options: CodedResponseOptions,
  coding: ContentCoding = storedCodingFor(c.req.raw),
): Response {
  return send(c, storedBody(bodies, coding), coding, options);
}

/**
 * Answers with `body`, compressed for this response when it has at least
 * `COMPRESS_MIN_BYTES` and the request accepts br or gzip (levels for one response).
 *
 * @param c The request's context.
 * @param body The identity bytes, or text (sent as UTF-8).
 * @param options Status, content type and the identity tag.
 * @returns The response.
 * @example
 * ```ts ignore
 * return await compressedResponse(c, JSON.stringify(data), { contentType: "application/json" });
 * ```
 */
export async function compressedResponse(
  c: Context,
  body: string | Uint8Array<ArrayBuffer>,
  options: CodedResponseOptions,
): Promise<Response> {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const coding = bytes.byteLength < COMPRESS_MIN_BYTES
    ? "identity"
    : negotiateCoding(c.req.raw.headers.get("accept-encoding"));
  return send(c, await compress(bytes, coding), coding, options);
}

function send(
  c: Context,
  body: Uint8Array<ArrayBuffer>,
  coding: ContentCoding,
  options: CodedResponseOptions,
): Response {
  c.header("Content-Type", options.contentType);
  if (coding !== "identity") c.header("Content-Encoding", coding);
  if (options.etag) c.header("ETag", codedEtag(options.etag, coding));
  return c.body(body, options.status ?? 200);
}
