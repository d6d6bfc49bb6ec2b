/**
 * What the outage tests watch while PostgreSQL comes back: when each instance's bus has caught
 * up, when a write on A is served by B (its API and its sockets), and which events the sockets
 * missed.
 *
 * @module
 */
import type { RequestRecord, Traffic } from "./_outage_traffic.ts";
import type { StallMonitor } from "./_stalls.ts";
import { healthOf, type Instance, type Rig, sleep } from "./_outage_rig.ts";
import type { TestSocket } from "./_ws.ts";

/**
 * Milliseconds from `since` until the instance's `/healthz` says its LISTEN connection is up
 * and its bus has applied everything up to `seq`, less the time `stalls` saw this process not
 * scheduled; rejects after `limitMs`.
 */
export async function busCaughtUp(
  instance: Instance,
  seq: number,
  since: number,
  stalls?: StallMonitor,
  limitMs = 10_000,
): Promise<number> {
  while (performance.now() - since < limitMs) {
    const report = await healthOf(instance).catch(() => null);
    if (report?.bus.listener === "connected" && report.bus.lastSeq >= seq) {
      const now = performance.now();
      return now - since - (stalls?.unscheduled(since, now) ?? 0);
    }
    await sleep(20);
  }
  throw new Error(`Instance ${instance.name}'s bus did not reach seq ${seq} in ${limitMs} ms`);
}

/**
 * How a write on A reached B. Times are milliseconds after the write was answered, less the time
 * the process was not scheduled.
 */
export interface Propagation {
  write: RequestRecord;
  /** Until B's `GET /api/projects/:id` showed the entry. */
  api: number;
  /** Until B's socket held an event at least as new as the write. */
  socket: number;
}

/**
 * Waits for the first log entry written on A that was answered 303 after `since`, then for B's
 * API to show it and B's socket (`socketOnB`) to receive an event at least as new.
 */
export async function propagationToB(
  rig: Rig,
  traffic: Traffic,
  socketOnB: TestSocket,
  since: number,
): Promise<Propagation> {
  const limit = since + 10_000;
  let write: RequestRecord | undefined;
  while (!write) {
    if (performance.now() > limit) throw new Error("No write on A succeeded after the restart");
    write = traffic.requests.find((r) =>
      r.instance === "A" && r.kind === "log" && r.status === 303 && r.start >= since
    );
    if (!write) await sleep(5);
  }
  const seq = await topicSeq(rig, `project:${rig.project}`);
  const answered = write.end;
  const socketSeen = socketOnB.event(`project:${rig.project}`, seq - 1, 10_000)
    .then(() => traffic.waited({ start: answered, end: performance.now() }));
  let api = -1;
  while (api < 0) {
    if (performance.now() > write.end + 10_000) throw new Error("B never showed A's write");
    const res = await fetch(`${rig.b.url}/api/projects/${rig.project}`, {
      headers: { cookie: rig.cookies.ada },
    });
    const body = res.status === 200 ? await res.json() : await res.body?.cancel();
    if (body?.log?.some((entry: { text: string }) => entry.text === write.text)) {
      api = traffic.waited({ start: answered, end: performance.now() });
    } else await sleep(10);
  }
  return { write, api, socket: await socketSeen };
}

/** The highest sequence number logged for one topic. */
export async function topicSeq(rig: Rig, topic: string): Promise<number> {
  const [row] = await rig.sql(
    `SELECT coalesce(max(seq), 0) AS seq FROM cache_events WHERE topic = '${topic}'`,
  );
  return Number(row.seq);
}

/**
 * The sequence numbers of the events logged for `topics` after `afterSeq` that `socket` has not
 * received, once it has had `graceMs` to receive them.
 */
export async function lostEvents(
  rig: Rig,
  socket: TestSocket,
  topics: string[],
  afterSeq: number,
  graceMs = 2000,
): Promise<number[]> {
  const list = topics.map((topic) => `'${topic}'`).join(", ");
  const rows = await rig.sql(
    `SELECT seq FROM cache_events WHERE seq > ${afterSeq} AND topic IN (${list}) ORDER BY seq`,
  );
  const logged = rows.map((row) => Number(row.seq));
  const missing = () => {
    const seen = new Set(socket.frames.flatMap((f) => f.type === "event" ? [f.seq] : []));
    return logged.filter((seq) => !seen.has(seq));
  };
  const deadline = performance.now() + graceMs;
  while (missing().length > 0 && performance.now() < deadline) await sleep(20);
  return missing();
}
