/**
 * What a client may send on the invalidation socket (`GET /ws`), validated with zod on the way
 * in, and the close codes: only `hello` and `ping`. The server's frames and their parser are
 * shared with the browser in `lib/model/frames.ts`. See `docs/live.md` for the conversation.
 *
 * @module
 */
import { z } from "zod";

/** The largest client frame accepted, in bytes; a larger one closes with 1009. */
export const MAX_CLIENT_FRAME_BYTES = 4096;

/** The close codes the server uses, with the reasons it gives. */
export const CLOSE_CODES = {
  /** The server is shutting down, or the peer stopped answering pings. */
  goingAway: 1001,
  /** A frame broke the protocol: bad JSON, an unknown type, binary data, a flood. */
  policyViolation: 1008,
  /** A frame was larger than {@linkcode MAX_CLIENT_FRAME_BYTES}. */
  messageTooBig: 1009,
  /** The client read too slowly; it must resync and may reconnect. */
  tryAgainLater: 1013,
  /** The session ended (sign-out or revocation); do not reconnect without signing in. */
  signedOut: 4001,
  /** Too many sockets for this session or client address; close another tab first. */
  tooMany: 4029,
} as const;

const seqSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** What a client may send: `hello` once, then `ping` as often as it likes (within the limit). */
export const clientFrameSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("hello"), lastSeq: seqSchema }),
  z.strictObject({ type: z.literal("ping") }),
]);

/** A frame a client sends. */
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** A client frame that is not acceptable, and how to close the socket for it. */
export interface FrameRejection {
  code: typeof CLOSE_CODES.policyViolation | typeof CLOSE_CODES.messageTooBig;
  reason: string;
}

const encoder = new TextEncoder();

function byteLength(data: string | ArrayBuffer | ArrayBufferView | Blob): number {
  if (typeof data === "string") {
    // UTF-8 takes 1 to 3 bytes per UTF-16 unit: only encode when the length alone cannot tell.
    if (data.length * 3 <= MAX_CLIENT_FRAME_BYTES) return data.length;
    return data.length > MAX_CLIENT_FRAME_BYTES ? data.length : encoder.encode(data).byteLength;
  }
  return data instanceof Blob ? data.size : data.byteLength;
}

/**
 * Reads one frame a client sent: a {@linkcode ClientFrame}, or a {@linkcode FrameRejection}
 * saying how to close (1009 when too large, 1008 for binary data, bad JSON or an unknown
 * or malformed frame).
 *
 * @param data A `MessageEvent`'s `data`.
 * @param maxBytes The size limit. Default {@linkcode MAX_CLIENT_FRAME_BYTES}.
 * @example
 * ```ts
 * parseClientFrame('{"type":"hello","lastSeq":41}'); // { type: "hello", lastSeq: 41 }
 * parseClientFrame('{"type":"subscribe"}'); // { code: 1008, reason: "Unknown or malformed frame" }
 * ```
 */
export function parseClientFrame(
  data: unknown,
  maxBytes: number = MAX_CLIENT_FRAME_BYTES,
): ClientFrame | FrameRejection {
  const binary = data instanceof ArrayBuffer || ArrayBuffer.isView(data) || data instanceof Blob;
  if (typeof data !== "string" && !binary) {
    return { code: CLOSE_CODES.policyViolation, reason: "Unreadable frame" };
  }
  if (byteLength(data) > maxBytes) {
    return { code: CLOSE_CODES.messageTooBig, reason: `Frames are limited to ${maxBytes} bytes` };
  }
  if (typeof data !== "string") {
    return { code: CLOSE_CODES.policyViolation, reason: "Binary frames are not accepted" };
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { code: CLOSE_CODES.policyViolation, reason: "Frames must be JSON" };
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) {
    return { code: CLOSE_CODES.policyViolation, reason: "Unknown or malformed frame" };
  }
  return parsed.data;
}

/**
 * Whether {@linkcode parseClientFrame} refused the frame.
 *
 * @example
 * ```ts
 * const frame = parseClientFrame("{}");
 * isRejection(frame); // true
 * ```
 */
export function isRejection(frame: ClientFrame | FrameRejection): frame is FrameRejection {
  return "code" in frame;
}
