/**
 * The invalidation event: one bump of one topic's version, as the flush trigger of
 * `migrations/002_cache_versions.sql` notifies it and `cache_events` logs it.
 *
 * @module
 */
import { z } from "zod";

/** The notification channel the flush trigger publishes on and the bus listens to. */
export const INVALIDATION_CHANNEL = "beacon_invalidation";

/** One version bump, numbered by the database's global sequence. */
export interface InvalidationEvent {
  /** Global sequence number; grows with every bump, though commits may arrive out of order. */
  seq: number;
  /** The tenant the topic belongs to, or `null` for global and user topics. */
  tenant: string | null;
  /** The topic, e.g. `project:<uuid>`; see `lib/model/topics.ts`. */
  topic: string;
  /** The topic's version after this bump. */
  version: number;
  /** When the writing transaction bumped it, in milliseconds since the epoch. */
  at: number;
}

const payloadSchema = z.object({
  seq: z.number().int().positive(),
  tenant: z.guid().nullable(),
  topic: z.string().min(1).max(1024),
  version: z.number().int().positive(),
  at: z.number().nonnegative(),
});

/**
 * Parses a `beacon_invalidation` notification payload; `undefined` when it is malformed.
 *
 * @example
 * ```ts
 * parseInvalidationPayload('{"seq":1,"tenant":null,"topic":"flags:*","version":2,"at":0}');
 * // { seq: 1, tenant: null, topic: "flags:*", version: 2, at: 0 }
 * parseInvalidationPayload("nonsense"); // undefined
 * ```
 */
export function parseInvalidationPayload(payload: string): InvalidationEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const parsed = payloadSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** A `cache_events` row as {@linkcode eventFromRow} reads it (drivers differ on bigints). */
export interface EventRow {
  seq: unknown;
  tenant: unknown;
  topic: unknown;
  version: unknown;
  at: unknown;
}

/**
 * Turns a `cache_events` row selected as `seq, tenant, topic, version, at` (epoch ms) into an
 * event, whether the driver returns bigints as `bigint`, `number` or `string`.
 *
 * @example
 * ```ts
 * eventFromRow({ seq: 3n, tenant: null, topic: "flags:*", version: 1n, at: 0 });
 * // { seq: 3, tenant: null, topic: "flags:*", version: 1, at: 0 }
 * ```
 */
export function eventFromRow(row: EventRow): InvalidationEvent {
  return {
    seq: toNumber(row.seq),
    tenant: row.tenant === null || row.tenant === undefined ? null : String(row.tenant),
    topic: String(row.topic),
    version: toNumber(row.version),
    at: toNumber(row.at),
  };
}

/**
 * Reads a number a driver may return as `bigint`, `number` or `string`.
 *
 * @example
 * ```ts
 * toNumber(42n); // 42
 * ```
 */
export function toNumber(value: unknown): number {
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(number)) {
    throw new TypeError(`Cannot read ${JSON.stringify(String(value))} as a number`);
  }
  return number;
}
