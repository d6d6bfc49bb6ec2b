/**
 * The local modules a bundle includes: every file reachable from its entries through relative
 * static imports, re-exports and dynamic imports, wherever it lives. Bare specifiers (`npm:`
 * packages through the import map) are left out: `deno.json` and `deno.lock` pin them.
 *
 * @module
 */
import { dirname, resolve } from "node:path";

const BLOCK_COMMENT = /\/\*[\s\S]*?\*\//g;
const SPECIFIER =
  /(?:\bimport|\bexport)\s+(?:type\s+)?[^'"]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g;

/**
 * Lists the local files reachable from `entries`, sorted, entries included. A specifier
 * naming a file that does not exist is skipped (the bundler reports it).
 *
 * @param entries Absolute paths of the entry modules.
 * @returns Absolute paths of every local module the entries reach.
 * @example
 * ```ts ignore
 * import { localModules } from "./_module_graph.ts";
 * localModules(["/repo/islands/TaskStatus.tsx"]); // ["/repo/islands/TaskStatus.tsx", "/repo/lib/store/hooks.ts", ...]
 * ```
 */
export function localModules(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    let source: string;
    try {
      source = Deno.readTextFileSync(file);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      throw error;
    }
    seen.add(file);
    for (const match of source.replace(BLOCK_COMMENT, "").matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith("./") || specifier.startsWith("../")) {
        queue.push(resolve(dirname(file), specifier));
      }
    }
  }
  return [...seen].sort();
}
