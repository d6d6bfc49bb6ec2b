/**
 * The frames the invalidation socket (`GET /ws`) sends, and their one parser, shared by the
 * server's hub, the page's store and the tests. See `docs/live.md` for the conversation.
 *
 * @module
 */

/** A frame the server sends. */
export type ServerFrame =
  | { type: "event"; seq: number; topic: string; version: number }
  | { type: "ready"; lastSeq: number }
  | { type: "resync"; lastSeq: number }
  | { type: "pong" };

/** The fields of each frame type, besides `type`. */
const FIELDS: Readonly<Record<ServerFrame["type"], readonly string[]>> = {
  event: ["seq", "topic", "version"],
  ready: ["lastSeq"],
  resync: ["lastSeq"],
  pong: [],
};

function isSeq(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/**
 * Reads a frame the server sent; `undefined` for anything else: not JSON, an unknown type, a
 * missing or extra field, a sequence number or version that is not a whole number ≥ 0, an
 * empty topic.
 *
 * @param data A `MessageEvent`'s `data`.
 * @returns The frame, or `undefined`.
 * @example
 * ```ts
 * import { parseServerFrame } from "./frames.ts";
 * parseServerFrame('{"type":"ready","lastSeq":41}'); // { type: "ready", lastSeq: 41 }
 * parseServerFrame('{"type":"ready"}'); // undefined
 * ```
 */
export function parseServerFrame(data: unknown): ServerFrame | undefined {
  if (typeof data !== "string") return undefined;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (frame === null || typeof frame !== "object" || Array.isArray(frame)) return undefined;
  const record = frame as Record<string, unknown>;
  const fields = Object.hasOwn(FIELDS, String(record.type))
    ? FIELDS[record.type as ServerFrame["type"]]
    : undefined;
  if (!fields || Object.keys(record).length !== fields.length + 1) return undefined;
  for (const field of fields) {
    const value = record[field];
    const ok = field === "topic" ? typeof value === "string" && value.length > 0 : isSeq(value);
    if (!ok) return undefined;
  }
  return record as ServerFrame;
}

/**
 * Serialises a server frame.
 *
 * @example
 * ```ts
 * import { encodeServerFrame } from "./frames.ts";
 * encodeServerFrame({ type: "ready", lastSeq: 42 }); // '{"type":"ready","lastSeq":42}'
 * ```
 */
export function encodeServerFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}
