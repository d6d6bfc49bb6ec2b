/**
 * Read and write load on the two instances of the outage rig, recording every request (when
 * it started, how long it took, how it was answered) and every `/healthz` sample, so a test can
 * hold each one to its target and print the figures.
 *
 * @module
 */
import { healthOf, type HealthReport, type Instance, type Rig, sleep } from "./_outage_rig.ts";
import { StallMonitor } from "./_stalls.ts";

/** What a request did: a page or the API, with or without `If-None-Match`, or a write. */
export type RequestKind = "page" | "page-inm" | "api" | "api-inm" | "task" | "log";

/** One request. Times are `performance.now()` milliseconds. */
export interface RequestRecord {
  instance: "A" | "B";
  kind: RequestKind;
  /** The project read or written. */
  project: string;
  start: number;
  end: number;
  /** The HTTP status; 0 when no answer came (network error or the client's 5 s limit). */
  status: number;
  cacheStatus: string | null;
  retryAfter: string | null;
  etag: string | null;
  /** A log entry's text. */
  text?: string;
}

/** One `/healthz` sample. */
export interface HealthSample {
  instance: "A" | "B";
  start: number;
  end: number;
  report: HealthReport | null;
}

/** A group of loops that {@linkcode Traffic.hold} can stop for a while. */
export type LoopGroup = "readers" | "quiet" | "writers";

const READS: RequestKind[] = ["page", "page-inm", "api", "api-inm"];
const STATUSES = ["doing", "done", "todo"];
const CLIENT_LIMIT_MS = 5000;

/** Options of {@linkcode Traffic}. */
export interface TrafficOptions {
  /** Prefix of the log entries written, to find them again. */
  label: string;
  /** Pause between one reader's requests. Default 40 ms. */
  readPauseMs?: number;
  /** Pause between one writer's requests. Default 200 ms. */
  writePauseMs?: number;
  /** Pause between `/healthz` samples of an instance. Default 200 ms. */
  healthPauseMs?: number;
}

/**
 * Readers (Ada and Grace on each instance, reading the project's page and API, with and
 * without `If-None-Match`), a reader of the quiet project on B, writers (Grace on A, Ada on B:
 * task statuses and log entries) and a `/healthz` sampler per instance.
 */
export class Traffic {
  readonly requests: RequestRecord[] = [];
  readonly health: HealthSample[] = [];
  /** When this process could not run (the machine is shared): see `_stalls.ts`. */
  readonly stalls = new StallMonitor();
  #rig: Rig;
  #options: Required<TrafficOptions>;
  #running = true;
  #held = new Set<LoopGroup>();
  #inFlight = new Map<LoopGroup, number>();
  #loops: Promise<void>[] = [];

  /** Starts every loop. */
  constructor(rig: Rig, options: TrafficOptions) {
    this.#rig = rig;
    this.#options = { readPauseMs: 40, writePauseMs: 200, healthPauseMs: 200, ...options };
    const { a, b, cookies, project, quiet } = rig;
    for (const instance of [a, b]) {
      for (const cookie of [cookies.ada, cookies.grace]) {
        this.#loops.push(this.#reader(instance, cookie, project, "readers"));
      }
      this.#loops.push(this.#healthSampler(instance));
    }
    this.#loops.push(this.#reader(b, cookies.ada, quiet, "quiet"));
    this.#loops.push(this.#writer(a, cookies.grace), this.#writer(b, cookies.ada));
  }

  /** Stops a group's loops once their requests in flight are done; returns the release. */
  async hold(group: LoopGroup): Promise<() => void> {
    this.#held.add(group);
    while ((this.#inFlight.get(group) ?? 0) > 0) await sleep(2);
    return () => this.#held.delete(group);
  }

  /** Stops every loop and waits for the requests in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops);
    this.stalls.stop();
  }

  /**
   * How long a span waited for the app: its wall-clock time less the time this process was not
   * scheduled meanwhile.
   */
  waited(span: { start: number; end: number }): number {
    return span.end - span.start - this.stalls.unscheduled(span.start, span.end);
  }

  /** The longest {@linkcode Traffic.waited} among `records` (0 for none). */
  longestWait(records: readonly RequestRecord[]): number {
    return records.reduce((max, r) => Math.max(max, this.waited(r)), 0);
  }

  /** The log entries written, with whether the write was answered 303. */
  logWrites(): RequestRecord[] {
    return this.requests.filter((r) => r.kind === "log");
  }

  async #reader(instance: Instance, cookie: string, project: string, group: LoopGroup) {
    const etags: Partial<Record<"page" | "api", string>> = {};
    for (let i = 0; this.#running; i++) {
      if (await this.#waitWhileHeld(group)) continue;
      const kind = READS[i % READS.length];
      const which = kind.startsWith("page") ? "page" : "api";
      const path = which === "page" ? `/projects/${project}` : `/api/projects/${project}`;
      const headers: Record<string, string> = { cookie };
      if (which === "api") headers.accept = "application/json";
      const held = etags[which];
      if (kind.endsWith("-inm") && held) headers["if-none-match"] = held;
      const record = await this.#send(group, instance, kind, project, path, { headers });
      if (record.status === 200 && record.etag) etags[which] = record.etag;
      await sleep(this.#options.readPauseMs);
    }
  }

  async #writer(instance: Instance, cookie: string) {
    const { project, task } = this.#rig;
    for (let i = 0; this.#running; i++) {
      if (await this.#waitWhileHeld("writers")) continue;
      const fields: Record<string, string> = i % 2 === 0
        ? { status: STATUSES[(i / 2) % STATUSES.length] }
        : { text: `${this.#options.label}-${instance.name}-${i}` };
      const kind: RequestKind = "status" in fields ? "task" : "log";
      const path = kind === "task"
        ? `/projects/${project}/tasks/${task}`
        : `/projects/${project}/log`;
      await this.#send("writers", instance, kind, project, path, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie,
          origin: instance.url,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(fields),
      }, fields.text);
      await sleep(this.#options.writePauseMs);
    }
  }

  async #healthSampler(instance: Instance) {
    while (this.#running) {
      const start = performance.now();
      const report = await healthOf(instance).catch(() => null);
      this.health.push({ instance: instance.name, start, end: performance.now(), report });
      await sleep(this.#options.healthPauseMs);
    }
  }

  /** True when the loop waited for a hold to end (it should check `running` again). */
  async #waitWhileHeld(group: LoopGroup): Promise<boolean> {
    if (!this.#held.has(group)) return false;
    while (this.#held.has(group) && this.#running) await sleep(5);
    return true;
  }

  async #send(
    group: LoopGroup,
    instance: Instance,
    kind: RequestKind,
    project: string,
    path: string,
    init: RequestInit,
    text?: string,
  ): Promise<RequestRecord> {
    this.#inFlight.set(group, (this.#inFlight.get(group) ?? 0) + 1);
    const start = performance.now();
    const record: RequestRecord = {
      instance: instance.name,
      kind,
      project,
      start,
      end: start,
      status: 0,
      cacheStatus: null,
      retryAfter: null,
      etag: null,
      text,
    };
    try {
      const res = await fetch(instance.url + path, {
        ...init,
        signal: AbortSignal.timeout(CLIENT_LIMIT_MS),
      });
      await res.body?.cancel();
      record.status = res.status;
      record.cacheStatus = res.headers.get("cache-status");
      record.retryAfter = res.headers.get("retry-after");
      record.etag = res.headers.get("etag");
    } catch {
      // No answer: status 0.
    } finally {
      record.end = performance.now();
      this.#inFlight.set(group, this.#inFlight.get(group)! - 1);
      this.requests.push(record);
    }
    return record;
  }
}

/** The longest request among `records`, in milliseconds (0 for none). */
export function slowest(records: readonly { start: number; end: number }[]): number {
  return records.reduce((max, r) => Math.max(max, r.end - r.start), 0);
}

/**
 * The slowest requests, one line each (instance, kind, status, latency, when it started after
 * `origin`), for an assertion's message.
 */
export function slowestLines(records: readonly RequestRecord[], origin: number, count = 5): string {
  return [...records]
    .sort((x, y) => (y.end - y.start) - (x.end - x.start))
    .slice(0, count)
    .map((r) =>
      `${r.instance} ${r.kind} ${r.status} took ${Math.round(r.end - r.start)} ms, ` +
      `started at ${Math.round(r.start - origin)} ms`
    )
    .join("; ");
}

/** Whether a request was a write. */
export function isWrite(record: RequestRecord): boolean {
  return record.kind === "task" || record.kind === "log";
}
