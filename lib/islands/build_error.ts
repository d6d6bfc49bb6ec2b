/**
 * The error a failed islands build throws.
 *
 * @module
 */

/**
 * Thrown when `deno bundle` fails or leaves out an expected file, or an island file is
 * misnamed.
 *
 * @example
 * ```ts
 * import { IslandBuildError } from "./build_error.ts";
 * const error = new IslandBuildError("Cannot build islands: deno bundle exited with 1");
 * console.log(error.name); // "IslandBuildError"
 * ```
 */
export class IslandBuildError extends Error {
  /**
   * @param message What failed.
   * @param options The cause, if any.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "IslandBuildError";
  }
}
