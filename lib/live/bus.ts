/**
 * The invalidation bus: every instance's in-memory copy of `cache_versions`, kept current by
 * the database's `beacon_invalidation` notifications and, after a reconnect, by replaying
 * `cache_events`, so no invalidation is lost (invariant 2 in `docs/architecture.md`).
 *
 * @module
 */
import type { Db } from "../db/connection.ts";
import { INVALIDATION_CHANNEL, type InvalidationEvent, parseInvalidationPayload } from "./event.ts";
import { currentVersions, eventsAfter, pruneEvents } from "./_event_log.ts";
import { refillWithin, WriteHold } from "./_write_hold.ts";
import { Timers } from "./_timers.ts";
import { EventHistory, type HistoryFilter } from "./_event_history.ts";
import { SeqTracker } from "./_seq_tracker.ts";
import { BusCounters, type BusStats } from "./_bus_counters.ts";

/** Options of {@linkcode InvalidationBus.catchUp}. */
export interface CatchUpOptions {
  /**
   * Called with the versions the new events will make current, before they are applied (and
   * for at most `maxHoldMs`): a writer refills what it changed, so readers find it there.
   */
  beforeApply?: (versionOf: (topic: string) => number) => Promise<unknown>;
}

/** Options of {@linkcode InvalidationBus}; every one has a default. */
export interface InvalidationBusOptions {
  /** The notification channel. Default `beacon_invalidation`. */
  channel?: string;
  /** Sequence numbers re-read below the low-water mark on a replay, for late commits. Default 100. */
  replayMargin?: number;
  /** How long a gap in sequence numbers may stay open before it is given up on. Default 5000 ms. */
  gapTimeoutMs?: number;
  /** Events kept in memory for {@linkcode InvalidationBus.replaySince}. Default 10 000. */
  historySize?: number;
  /** How often to prune `cache_events`; 0 never. Default 15 minutes. */
  pruneIntervalMs?: number;
  /** Events older than this are pruned. Default 24 hours. */
  retentionMs?: number;
  /** At most this many newest events are kept. Default 100 000. */
  retentionEvents?: number;
  /** Delay before retrying a failed replay after a reconnect. Default 1000 ms. */
  retryDelayMs?: number;
  /** The longest a notification waits while writers {@linkcode InvalidationBus.hold} it. Default 200. */
  maxHoldMs?: number;
  /** Told of failures the bus handled itself (a replay that failed, a throwing subscriber). */
  onError?: (error: unknown) => void;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** Why subscribers must drop everything they hold and revalidate. */
export interface ResyncSignal {
  /** `pruned`: the events needed for a replay are gone; every version was reloaded. */
  reason: "pruned";
  /** The bus's {@linkcode InvalidationBus.lastSeq} after the reload. */
  lastSeq: number;
}

/**
 * Holds every topic's version in memory and tells subscribers of each bump.
 *
 * @example
 * ```ts
 * import { connect } from "../db/connection.ts";
 * import { migrate } from "../db/migrate.ts";
 * const db = await connect({ dataDir: "memory://" });
 * await migrate(db);
 * const bus = new InvalidationBus(db);
 * await bus.start();
 * const stop = bus.subscribe((event) => console.log(event.topic, event.version));
 * await db.query("INSERT INTO feature_flags (key) VALUES ('beta')");
 * await bus.catchUp();
 * bus.version("flags:*"); // 1
 * stop();
 * await bus.close();
 * await db.close();
 * ```
 */
export class InvalidationBus {
  #db: Db;
  #options:
    & Required<Omit<InvalidationBusOptions, "onError">>
    & Pick<InvalidationBusOptions, "onError">;
  #versions = new Map<string, number>();
  #tracker: SeqTracker;
  #history: EventHistory;
  #counters = new BusCounters();
  #subscribers = new Set<(event: InvalidationEvent) => void>();
  #resyncSubscribers = new Set<(signal: ResyncSignal) => void>();
  #state: "new" | "starting" | "running" | "closed" = "new";
  #unlisten?: () => Promise<void>;
  #queue: Promise<void> = Promise.resolve();
  #timers = new Timers();
  #reconnectedWhileStarting = false;
  #hold: WriteHold;

  /** Creates a stopped bus; call {@linkcode InvalidationBus.start}. */
  constructor(db: Db, options: InvalidationBusOptions = {}) {
    this.#db = db;
    this.#options = {
      channel: INVALIDATION_CHANNEL,
      replayMargin: 100,
      gapTimeoutMs: 5000,
      historySize: 10_000,
      pruneIntervalMs: 15 * 60_000,
      retentionMs: 24 * 3_600_000,
      retentionEvents: 100_000,
      retryDelayMs: 250,
      maxHoldMs: 200,
      now: Date.now,
      ...options,
    };
    this.#tracker = new SeqTracker(0, this.#options);
    this.#history = new EventHistory(this.#options.historySize, 0);
    this.#hold = new WriteHold({
      maxHoldMs: this.#options.maxHoldMs,
      apply: (event) => this.#apply(event),
      after: (ms, task) => this.#timers.after(ms, task),
    });
  }

  /** Listens, then loads every current version. Rejects when the database cannot be reached. */
  async start(): Promise<void> {
    if (this.#state !== "new") {
      throw new Error(`Cannot start an invalidation bus that is ${this.#state}`);
    }
    this.#state = "starting";
    // Listen before loading, so nothing committed in between is missed.
    this.#unlisten = await this.#db.listen(
      this.#options.channel,
      (payload) => this.#onNotify(payload),
      () => this.#onListen(),
    );
    try {
      const lastSeq = await this.#loadVersions();
      this.#history.raiseFloor(lastSeq);
    } catch (error) {
      await this.close();
      throw error;
    }
    if (this.#state !== "starting") return;
    this.#state = "running";
    if (this.#reconnectedWhileStarting) this.#onListen();
    if (this.#options.pruneIntervalMs > 0) {
      const { pruneIntervalMs, onError } = this.#options;
      this.#timers.every(pruneIntervalMs, () => this.prune(), onError);
    }
  }

  /** The highest sequence number applied. */
  get lastSeq(): number {
    return this.#tracker.highWater;
  }

  /** Every event at or below this sequence number has been applied or given up on. */
  get lowWater(): number {
    return this.#tracker.lowWater;
  }

  /**
   * A topic's current version, 0 when no write has bumped it. In memory: no query.
   *
   * @example
   * ```ts
   * bus.version("project:5c0f3a36-21f5-4d1e-9a53-0c6f5b7d2e10"); // 7
   * ```
   */
  version(topic: string): number {
    return this.#versions.get(topic) ?? 0;
  }

  /**
   * Several topics' versions at once, 0 for unknown ones. In memory: no query.
   *
   * @example
   * ```ts
   * bus.versions(["flags:*", "user:9a1d4a8e-6a55-4c2b-8f0e-2f1f3a4b5c6d"]);
   * // { "flags:*": 3, "user:9a1d...": 0 }
   * ```
   */
  versions(topics: Iterable<string>): Record<string, number> {
    const out: Record<string, number> = {};
    for (const topic of topics) out[topic] = this.#versions.get(topic) ?? 0;
    return out;
  }

  /**
   * Calls `listener` once for every bump, in arrival order, which may differ from sequence
   * order: after a reconnect, replayed bumps can follow a newer version of the same topic that
   * came live, so compare with {@linkcode InvalidationBus.version} when only the newest matters.
   * Returns a function that unsubscribes.
   *
   * @example
   * ```ts
   * const stop = bus.subscribe((event) => l1.forgetTopic(event.topic));
   * stop();
   * ```
   */
  subscribe(listener: (event: InvalidationEvent) => void): () => void {
    this.#subscribers.add(listener);
    return () => this.#subscribers.delete(listener);
  }

  /**
   * Calls `listener` when events were lost (pruned before they could be replayed) and every
   * version was reloaded: drop whatever was cached and revalidate. Returns an unsubscribe.
   *
   * @example
   * ```ts
   * const stop = bus.onResync(() => l1.clear());
   * ```
   */
  onResync(listener: (signal: ResyncSignal) => void): () => void {
    this.#resyncSubscribers.add(listener);
    return () => this.#resyncSubscribers.delete(listener);
  }

  /**
   * Applies every committed bump not applied yet, with one query. The writing instance awaits
   * this right after its commit, so its own next read sees its writes' versions.
   *
   * @example
   * ```ts
   * await db.transaction((tx) => tx.query("UPDATE tasks SET status = 'done' WHERE id = $1", [id]));
   * await bus.catchUp();
   * ```
   */
  async catchUp(options: CatchUpOptions = {}): Promise<void> {
    this.#assertRunning("catch up");
    this.#counters.catchUps++;
    const { beforeApply } = options;
    if (!beforeApply) return await this.#enqueue(() => this.#replay(0));
    // The refill runs outside the queue, so other replays (and writers) do not wait on it.
    let events: InvalidationEvent[] = [];
    await this.#enqueue(async () => {
      events = await this.#unapplied(0);
    });
    await refillWithin(events, (topic) => this.version(topic), beforeApply, this.#options);
    for (const event of events) this.#apply(event);
  }

  /**
   * Holds notifications back while a writer commits and refills what it changed, so readers
   * of this instance move to the new versions only once the new values are there. A held
   * notification waits at most `maxHoldMs`, however many writers overlap. Returns the release;
   * calling it again does nothing.
   *
   * @example
   * ```ts ignore
   * const release = bus.hold();
   * try {
   *   await write();
   *   await bus.catchUp({ beforeApply: (versionOf) => refill(versionOf) });
   * } finally {
   *   release();
   * }
   * ```
   */
  hold(): () => void {
    return this.#hold.hold();
  }

  /**
   * The events a reader that last saw `seq` has missed, from memory, for browsers that
   * reconnect: `"resync"` when they are no longer held (the reader must revalidate everything).
   *
   * @param seq The last sequence number the reader saw.
   * @param options `tenant` keeps only that tenant's events; `filter` tests each event.
   * @example
   * ```ts
   * const missed = bus.replaySince(41, { tenant: session.tenantId });
   * if (missed === "resync") socket.send(JSON.stringify({ type: "resync" }));
   * ```
   */
  replaySince(seq: number, options: HistoryFilter = {}): InvalidationEvent[] | "resync" {
    return this.#history.since(seq, options);
  }

  /**
   * Deletes events past the retention (see the options) from `cache_events`. The bus calls it
   * every `pruneIntervalMs`. Resolves to how many were deleted.
   */
  async prune(): Promise<number> {
    const { retentionMs, retentionEvents } = this.#options;
    const deleted = await pruneEvents(this.#db, retentionMs, retentionEvents);
    this.#counters.pruned += deleted;
    return deleted;
  }

  /** A snapshot of the bus's counters. */
  stats(): BusStats {
    return this.#counters.snapshot({
      running: this.#state === "running",
      topics: this.#versions.size,
      lastSeq: this.#tracker.highWater,
      lowWater: this.#tracker.lowWater,
    });
  }

  /** Stops listening and every timer; waits for a replay in flight. */
  async close(): Promise<void> {
    if (this.#state === "closed") return;
    this.#state = "closed";
    this.#timers.clear();
    await this.#queue;
    await this.#unlisten?.().catch(() => {});
  }

  #onNotify(payload: string): void {
    if (this.#state === "closed") return;
    const event = parseInvalidationPayload(payload);
    if (!event) {
      this.#counters.malformed++;
      return;
    }
    if (!this.#hold.offer(event)) this.#apply(event);
  }

  #onListen(): void {
    // The first call comes while start() listens; start() loads everything then. A reconnect
    // during the load may have missed commits the load did not see: replay once started.
    if (this.#state === "starting" && this.#unlisten) this.#reconnectedWhileStarting = true;
    if (this.#state !== "running") return;
    this.#counters.replays++;
    this.#enqueue(() => this.#replay(this.#options.replayMargin)).catch((error) =>
      this.#replayFailed(error)
    );
  }

  #replayFailed(error: unknown): void {
    this.#counters.replayErrors++;
    this.#options.onError?.(error);
    if (this.#state !== "running") return;
    this.#timers.after(this.#options.retryDelayMs, () => this.#onListen());
  }

  /**
   * Applies one event and hands it on when its sequence number is new or it raises a version.
   * Versions only grow, so a replayed event older than what is held changes nothing, but it is
   * still handed on once: every bump reaches subscribers, even one superseded meanwhile.
   */
  #apply(event: InvalidationEvent): void {
    const fresh = this.#tracker.observe(event.seq);
    const current = this.#versions.get(event.topic) ?? 0;
    const raises = event.version > current;
    if (!fresh && !raises) {
      this.#counters.duplicates++;
      return;
    }
    if (raises) this.#versions.set(event.topic, event.version);
    this.#history.add(event);
    this.#counters.applied(this.#options.now() - event.at);
    for (const listener of this.#subscribers) {
      try {
        listener(event);
      } catch (error) {
        this.#options.onError?.(error);
      }
    }
  }

  /**
   * Applies the logged events above the low-water mark, re-reading `margin` numbers below it:
   * a reconnect may have missed a commit that landed after its gap was given up on.
   */
  async #replay(margin: number): Promise<void> {
    for (const event of await this.#unapplied(margin)) this.#apply(event);
  }

  /**
   * The logged events above the low-water mark (and `margin` below it), not yet applied; after
   * a resync (they were pruned), none: the resync applied every version.
   */
  async #unapplied(margin: number): Promise<InvalidationEvent[]> {
    this.#tracker.sweep();
    const lowWater = this.#tracker.lowWater;
    const from = Math.max(0, lowWater - margin);
    const { horizon, events } = await eventsAfter(this.#db, from);
    if (this.#state === "closed") return [];
    if (horizon > lowWater) {
      await this.#resync();
      return [];
    }
    return events;
  }

  async #resync(): Promise<void> {
    this.#counters.resyncs++;
    const lastSeq = await this.#loadVersions();
    this.#history.raiseFloor(lastSeq);
    const signal: ResyncSignal = { reason: "pruned", lastSeq: this.#tracker.highWater };
    for (const listener of this.#resyncSubscribers) {
      try {
        listener(signal);
      } catch (error) {
        this.#options.onError?.(error);
      }
    }
  }

  /** Loads every version; returns the highest sequence number they include. */
  async #loadVersions(): Promise<number> {
    let lastSeq = 0;
    for (const { topic, version, seq } of await currentVersions(this.#db)) {
      if (version > (this.#versions.get(topic) ?? 0)) this.#versions.set(topic, version);
      lastSeq = Math.max(lastSeq, seq);
    }
    this.#tracker.jumpTo(lastSeq);
    return lastSeq;
  }

  /** Runs replays one at a time, so two never interleave their reads and applies. */
  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  #assertRunning(action: string): void {
    if (this.#state !== "running") {
      throw new Error(`Cannot ${action}: the invalidation bus is ${this.#state}`);
    }
  }
}
