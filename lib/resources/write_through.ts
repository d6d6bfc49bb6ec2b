/**
 * The one write path: hold this instance's invalidations, write (one transaction that bumps
 * the versions of what it changed), refill what readers will ask for next under the versions
 * the commit made, then apply those versions and release. Readers of this instance go from the
 * old value to the new one without a miss, and the writer's next read sees its own change.
 *
 * @module
 */
import type { Resource } from "./resource.ts";

/** What a write needs of the invalidation bus. */
export interface WriteBus {
  /** Holds notifications back (at most the bus's `maxHoldMs`); returns the release. */
  hold(): () => void;
  /** Applies the writer's own commit, after `beforeApply` has refilled under its versions. */
  catchUp(options?: {
    beforeApply?: (versionOf: (topic: string) => number) => Promise<unknown>;
  }): Promise<void>;
}

/** What a write needs of the loaders: refilling under given versions. */
export interface WriteRefill {
  warm(
    resources: readonly Resource<unknown>[],
    versionOf: (topic: string) => number,
  ): Promise<void>;
}

/** Options of one write. */
export interface WriteOptions<T> {
  /**
   * What readers will ask for after the write, refilled under its versions; a function gets
   * the write's result (nothing to refill when it returns an empty list). Default: nothing.
   */
  refill?: readonly Resource<unknown>[] | ((result: T) => readonly Resource<unknown>[]);
}

/** Runs writes through the one write path; made once by the composition root. */
export type WriteThrough = <T>(write: () => Promise<T>, options?: WriteOptions<T>) => Promise<T>;

/**
 * Makes the write path over a bus and the loaders.
 *
 * @example
 * ```ts ignore
 * const writeThrough = createWriteThrough(bus, loaders);
 * const task = await writeThrough(() => setTaskStatus(db, scope, taskId, "done"), {
 *   refill: loaders.resources.projectWrite(scope.tenantId, scope.projectId),
 * });
 * ```
 */
export function createWriteThrough(bus: WriteBus, loaders: WriteRefill): WriteThrough {
  return async function writeThrough<T>(
    write: () => Promise<T>,
    options: WriteOptions<T> = {},
  ): Promise<T> {
    const release = bus.hold();
    try {
      const result = await write();
      const refill = typeof options.refill === "function"
        ? options.refill(result)
        : options.refill ?? [];
      await bus.catchUp(
        refill.length ? { beforeApply: (versionOf) => loaders.warm(refill, versionOf) } : {},
      );
      return result;
    } finally {
      release();
    }
  };
}
