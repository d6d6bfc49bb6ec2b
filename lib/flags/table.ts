/**
 * Every flag setting in memory, so a request can decide synchronously — before any cache
 * access — whether a flag is on for its tenant and user.
 *
 * @module
 */
import { type FlagSetting, isOnFor } from "./bucket.ts";

/** Where a table learns that flags changed: the invalidation bus. */
export interface FlagEvents {
  subscribe(listener: (event: { topic: string }) => void): () => void;
  onResync(listener: () => void): () => void;
}

/** Options of {@linkcode FlagTable}. */
export interface FlagTableOptions {
  /** Told of a reload that failed; the table keeps its last settings and retries. */
  onError?: (error: unknown) => void;
  /** Delay before retrying a failed reload. Default 1000 ms. */
  retryDelayMs?: number;
}

const GLOBAL = "*";
const FLAGS_TOPIC = /^flags:/;

/** One stored setting: a tenant's override, or the global default (`tenantId` null). */
export interface FlagRow extends FlagSetting {
  tenantId: string | null;
  key: string;
}

/** Loads every stored setting (`listFlagSettings` in `lib/db/flags.ts`). */
export type LoadFlagRows = () => Promise<readonly FlagRow[]>;

/**
 * The `feature_flags` table held in memory: loaded at start, reloaded whenever the bus reports
 * a bump of `flags:*` or `flags:<tenant>` (and after a resync).
 *
 * @example
 * ```ts ignore
 * const flags = new FlagTable(() => listFlagSettings(db));
 * await flags.start(bus);
 * flags.allows("cache", tenantId, userId); // true unless the tenant turned the cache off
 * ```
 */
export class FlagTable {
  #loadRows: LoadFlagRows;
  #options: Required<Pick<FlagTableOptions, "retryDelayMs">> & FlagTableOptions;
  #settings = new Map<string, Map<string, FlagSetting>>();
  #dirty = false;
  #pending: Promise<void> | null = null;
  #stops: (() => void)[] = [];
  #retry?: ReturnType<typeof setTimeout>;
  #closed = false;

  /** Creates an empty table; call {@linkcode FlagTable.start}. */
  constructor(loadRows: LoadFlagRows, options: FlagTableOptions = {}) {
    this.#loadRows = loadRows;
    this.#options = { retryDelayMs: 1000, ...options };
  }

  /** Subscribes to flag events, then loads every setting. Rejects when the load fails. */
  async start(events?: FlagEvents): Promise<void> {
    if (events) {
      // Subscribe first: an event during the load marks the table dirty and reloads it.
      this.#stops.push(
        events.subscribe((event) => {
          if (FLAGS_TOPIC.test(event.topic)) this.#refreshInBackground();
        }),
        events.onResync(() => this.#refreshInBackground()),
      );
    }
    await this.refresh();
  }

  /**
   * Reloads every setting. Resolves once a load that began after this call has finished, so a
   * writer that awaits it sees its own change.
   */
  refresh(): Promise<void> {
    this.#dirty = true;
    this.#pending ??= this.#drain();
    return this.#pending;
  }

  /**
   * Resolves once no reload is pending (at once when none is): a flag event just applied has
   * reached the settings. Never rejects; a failed reload keeps the last settings.
   *
   * @example
   * ```ts ignore
   * await flags.settled();
   * if (flags.allows(CACHE_FLAG, tenantId)) readAhead();
   * ```
   */
  settled(): Promise<void> {
    return this.#pending?.catch(() => {}) ?? Promise.resolve();
  }

  /** The setting in force for a tenant: its own override, else the global default. */
  setting(key: string, tenantId: string): FlagSetting | undefined {
    return this.#settings.get(tenantId)?.get(key) ?? this.#settings.get(GLOBAL)?.get(key);
  }

  /**
   * Whether a flag is on. With a user: enabled and the user's bucket below the percent. Without
   * one: whether it is on for anyone in the tenant. A flag with no setting gives `fallback`.
   */
  allows(key: string, tenantId: string, userId?: string, fallback = true): boolean {
    const setting = this.setting(key, tenantId);
    if (setting === undefined) return fallback;
    if (userId === undefined) return setting.enabled && setting.rolloutPercent > 0;
    return isOnFor(setting, key, userId);
  }

  /** Stops listening and retrying. */
  close(): void {
    this.#closed = true;
    for (const stop of this.#stops.splice(0)) stop();
    clearTimeout(this.#retry);
  }

  async #drain(): Promise<void> {
    try {
      while (this.#dirty) {
        this.#dirty = false;
        await this.#load();
      }
    } finally {
      this.#pending = null;
    }
  }

  async #load(): Promise<void> {
    const settings = new Map<string, Map<string, FlagSetting>>();
    for (const row of await this.#loadRows()) {
      const scope = row.tenantId ?? GLOBAL;
      let flags = settings.get(scope);
      if (!flags) settings.set(scope, flags = new Map());
      flags.set(row.key, { enabled: row.enabled, rolloutPercent: row.rolloutPercent });
    }
    this.#settings = settings;
  }

  #refreshInBackground(): void {
    if (this.#closed) return;
    this.refresh().catch((error) => {
      this.#options.onError?.(error);
      if (this.#closed) return;
      clearTimeout(this.#retry);
      this.#retry = setTimeout(() => this.#refreshInBackground(), this.#options.retryDelayMs);
      Deno.unrefTimer(this.#retry);
    });
  }
}
