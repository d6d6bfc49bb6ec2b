/**
 * Builds the island bundles into `_build/<build-id>/` unless that build exists.
 * Run with `deno task build`; the server calls `ensureBuild()` itself at start-up.
 *
 * @example
 * ```sh
 * deno task build
 * ```
 *
 * @module
 */
import { ensureBuild } from "../lib/islands/mod.ts";

export { ensureBuild };

if (import.meta.main) {
  const started = performance.now();
  const build = await ensureBuild();
  const ms = Math.round(performance.now() - started);
  console.log(
    `Islands build ${build.id}: ${Object.keys(build.manifest.islands).length} island(s), ` +
      `${build.manifest.files.length} file(s) in ${build.dir} (${ms} ms)`,
  );
}
