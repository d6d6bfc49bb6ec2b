/**
 * The bus's queries of the database's event log: the events after a sequence number (with the
 * prune horizon, to tell when a replay is no longer possible), every current version, and
 * pruning.
 *
 * @module
 */
import type { Queryable } from "../db/connection.ts";
import { eventFromRow, type EventRow, type InvalidationEvent, toNumber } from "./event.ts";

const REPLAY_SQL = `SELECT h.pruned_through AS horizon, e.seq, e.tenant_id AS tenant, e.topic,
  e.version, floor(extract(epoch FROM e.at) * 1000)::float8 AS at
  FROM cache_events_horizon h LEFT JOIN cache_events e ON e.seq > $1
  ORDER BY e.seq`;

/** The events after a sequence number, and how far the log has been pruned. */
export interface EventsAfter {
  /** Every event at or below this was pruned: a reader behind it cannot replay. */
  horizon: number;
  events: InvalidationEvent[];
}

/** A topic's current version and the sequence number of its last bump. */
export interface VersionRow {
  topic: string;
  version: number;
  seq: number;
}

/**
 * Reads the events logged after `seq`, in sequence order, with the prune horizon.
 *
 * @example
 * ```ts ignore
 * const { horizon, events } = await eventsAfter(db, 41);
 * ```
 */
export async function eventsAfter(db: Queryable, seq: number): Promise<EventsAfter> {
  const rows = await db.query<EventRow & { horizon: unknown }>(REPLAY_SQL, [seq]);
  return {
    horizon: toNumber(rows[0]?.horizon ?? 0),
    events: rows.filter((row) => row.seq !== null).map(eventFromRow),
  };
}

/**
 * Reads every topic's current version.
 *
 * @example
 * ```ts ignore
 * for (const { topic, version } of await currentVersions(db)) versions.set(topic, version);
 * ```
 */
export async function currentVersions(db: Queryable): Promise<VersionRow[]> {
  const rows = await db.query<{ topic: string; version: unknown; seq: unknown }>(
    "SELECT topic, version, seq FROM cache_versions",
  );
  return rows.map((row) => ({
    topic: row.topic,
    version: toNumber(row.version),
    seq: toNumber(row.seq),
  }));
}

/**
 * Deletes events older than `retentionMs`, and all but the newest `retentionEvents`; resolves
 * to how many were deleted.
 *
 * @example
 * ```ts ignore
 * await pruneEvents(db, 24 * 3_600_000, 100_000);
 * ```
 */
export async function pruneEvents(
  db: Queryable,
  retentionMs: number,
  retentionEvents: number,
): Promise<number> {
  const [row] = await db.query<{ deleted: unknown }>(
    `SELECT beacon_prune_cache_events($1::double precision * interval '1 millisecond', $2)
      AS deleted`,
    [retentionMs, retentionEvents],
  );
  return toNumber(row.deleted);
}
