/**
 * The boot module of a set of islands: an external ES module under the build's folder that
 * imports the boot runtime and the islands' chunks and calls `boot()`. A page links the one
 * for the chunks it uses, so it needs no inline script (and no CSP nonce): its bytes are the
 * same for every response. The file name lists the chunks, so any instance of the same build
 * can serve it without having rendered the page.
 *
 * @module
 */
import type { Island } from "./registry.ts";

const CHUNK = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const PREFIX = "boot.";

/**
 * The file name of the boot module for a set of chunks: `boot.<chunk>.<chunk>….js`, chunks
 * sorted and unique (chunk names have no dot).
 *
 * @param chunks The chunks a page's islands live in.
 * @returns The file name within the build.
 * @throws {TypeError} If a chunk name is malformed.
 * @example
 * ```ts
 * import { bootFileName } from "./boot_module.ts";
 * console.log(bootFileName(["TaskStatus", "Counter", "TaskStatus"])); // boot.Counter.TaskStatus.js
 * ```
 */
export function bootFileName(chunks: readonly string[]): string {
  const sorted = [...new Set(chunks)].sort();
  for (const chunk of sorted) {
    if (!CHUNK.test(chunk)) throw new TypeError(`Cannot name a boot module for chunk "${chunk}"`);
  }
  return `${PREFIX}${sorted.join(".")}.js`;
}

/**
 * The chunks a boot module's file name lists, or null when it is not one: unsorted, repeated
 * or malformed names are refused, so each set of chunks has exactly one URL.
 *
 * @param file A file name within a build.
 * @returns The chunks, or null.
 * @example
 * ```ts
 * import { chunksOfBootFile } from "./boot_module.ts";
 * console.log(chunksOfBootFile("boot.Counter.TaskStatus.js")); // ["Counter", "TaskStatus"]
 * console.log(chunksOfBootFile("boot.TaskStatus.Counter.js")); // null
 * ```
 */
export function chunksOfBootFile(file: string): string[] | null {
  if (!file.startsWith(PREFIX) || !file.endsWith(".js")) return null;
  const chunks = file.slice(PREFIX.length, -3).split(".");
  if (chunks.some((chunk) => !CHUNK.test(chunk))) return null;
  return bootFileName(chunks) === file ? chunks : null;
}

/**
 * The source of a boot module: imports the boot runtime (`client.js`) and every island of the
 * given chunks (`<chunk>.js`, relative to the module), then boots them by name.
 *
 * @param islands The islands to boot, each with its chunk and export name.
 * @returns The module's source.
 * @example
 * ```ts
 * import { bootModuleSource } from "./boot_module.ts";
 * const src = bootModuleSource([
 *   { name: "Counter", chunk: "Counter", exportName: "Counter", component: () => null },
 * ]);
 * console.log(src);
 * // import{boot}from"./client.js";import{Counter as i0}from"./Counter.js";boot({"Counter":i0});
 * ```
 */
export function bootModuleSource(islands: readonly Island[]): string {
  const sorted = [...islands].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const imports = sorted.map((island, i) =>
    `import{${island.exportName} as i${i}}from${JSON.stringify(`./${island.chunk}.js`)};`
  );
  const table = sorted.map((island, i) => `${JSON.stringify(island.name)}:i${i}`).join(",");
  return `import{boot}from"./client.js";${imports.join("")}boot({${table}});`;
}
