/**
 * One LISTEN connection attempt of `PgListener`: a postgres.js instance with a single connection,
 * used until that connection closes and then thrown away, so no reconnect delay or stale state of
 * the driver carries over to the next attempt.
 *
 * @module
 */
import postgres from "postgres";
import { Deadline } from "./_deadline.ts";
import { DatabaseUnavailableError } from "./unavailable.ts";

/** A single connection that LISTENs. */
export interface ListenSession {
  sql: postgres.Sql;
  /** The connection closed. */
  lost: boolean;
  /** Its owner let go of it; its notifications are ignored. */
  abandoned: boolean;
  /** The channels LISTEN succeeded for. */
  channels: Set<string>;
}

/** Options of {@linkcode openListenSession}. */
export interface ListenSessionOptions {
  /** How long connecting may take. */
  connectTimeoutMs: number;
  /** The session's `application_name`. */
  applicationName: string;
  /** Called with each notification, until the session is abandoned. */
  onNotify(channel: string, payload: string): void;
  /** Called when the connection closes, whoever closed it. */
  onClose(): void;
}

/**
 * postgres.js hands every notification to this option (its own `listen()` is built on it), but
 * its type declarations leave it out.
 */
interface NotifyOption {
  onnotify: (channel: string, payload: string) => void;
}

/**
 * Prepares a session; it connects with the first {@linkcode listenOn}.
 *
 * @example
 * ```ts ignore
 * const session = openListenSession(url, {
 *   connectTimeoutMs: 1000,
 *   applicationName: "beacon-listener",
 *   onNotify: (channel, payload) => console.log(channel, payload),
 *   onClose: () => console.log("closed"),
 * });
 * await listenOn(session, ["beacon_invalidation"], 1000);
 * await abandonSession(session);
 * ```
 */
export function openListenSession(url: string, options: ListenSessionOptions): ListenSession {
  const session = { lost: false, abandoned: false, channels: new Set<string>() } as ListenSession;
  const driverOptions: postgres.Options<Record<string, never>> & NotifyOption = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    connect_timeout: options.connectTimeoutMs / 1000,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: options.applicationName },
    onnotify: (channel, payload) => {
      if (!session.abandoned) options.onNotify(channel, payload);
    },
    onclose: () => {
      session.lost = true;
      options.onClose();
    },
  };
  session.sql = postgres(url, driverOptions);
  return session;
}

/**
 * Runs LISTEN for `channels` within `timeoutMs`, connecting first if needed. LISTEN on a channel
 * already listened on changes nothing, so this doubles as a heartbeat that leaves
 * `pg_stat_activity` showing what the session is for.
 */
export async function listenOn(
  session: ListenSession,
  channels: string[],
  timeoutMs: number,
): Promise<void> {
  const text = channels.map((channel) => `LISTEN ${quoteIdentifier(channel)}`).join("; ");
  const deadline = new Deadline(
    timeoutMs,
    () => new DatabaseUnavailableError("timeout", `no answer within ${timeoutMs} ms`),
  );
  try {
    await deadline.race(session.sql.unsafe(text));
    if (session.lost) throw new DatabaseUnavailableError("lost", "connection closed");
    for (const channel of channels) session.channels.add(channel);
  } finally {
    deadline.clear();
  }
}

/** Runs UNLISTEN for `channel`, if the session still can. */
export async function unlistenOn(session: ListenSession, channel: string): Promise<void> {
  session.channels.delete(channel);
  await session.sql.unsafe(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => {});
}

/** Closes the session's connection and ignores whatever it still delivers. */
export async function abandonSession(session: ListenSession): Promise<void> {
  if (session.abandoned) return;
  session.abandoned = true;
  await session.sql.end({ timeout: 0 }).catch(() => {});
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
