/**
 * Helpers for serving stale values: racing a load against its soft timeout, and marking
 * results shared through single flight.
 *
 * @module
 */
import type { CacheResult } from "./cache_options.ts";

/** A load that rejected, as a value. */
export class Failure {
  constructor(readonly error: unknown) {}
}

/** The result as seen by a caller that joined another's fill. */
export function collapse(result: CacheResult<unknown>): CacheResult<unknown> {
  return result.collapsed ? result : { ...result, collapsed: true };
}

/** Resolves with the load's result, a Failure, or undefined once `ms` have passed. */
export function raceSoftTimeout(
  loaded: Promise<CacheResult<unknown>>,
  ms: number,
): Promise<CacheResult<unknown> | Failure | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    loaded.then((result) => {
      clearTimeout(timer);
      resolve(result);
    }, (error) => {
      clearTimeout(timer);
      resolve(new Failure(error));
    });
  });
}
