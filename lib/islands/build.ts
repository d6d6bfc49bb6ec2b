/**
 * Builds the browser bundles: the boot runtime plus one chunk per island, with preact and
 * `@preact/signals` split into shared chunks so the page has one instance of each. The static
 * files (stylesheet, icons) are copied beside them, and every text file gets br and gzip
 * variants: a build's folder is served as immutable files under its id.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BuildCoding,
  copyStaticFiles,
  precompress,
  staticFiles,
  staticImports,
} from "./_build_files.ts";
import { runDenoBundle, writeShim } from "./_deno_bundle.ts";
import { localModules } from "./_module_graph.ts";
import { IslandBuildError } from "./build_error.ts";

export { IslandBuildError };

/** Where the sources and the output live. Every path defaults relative to the repo root. */
export interface BuildOptions {
  /** The repo root holding `deno.json`. Defaults to this file's `../../`. */
  root?: string;
  /** The folder whose top-level modules are islands. Defaults to `<root>/islands`. */
  islandsDir?: string;
  /** The folder builds are written to, one sub-folder per build id. Defaults to `<root>/_build`. */
  outDir?: string;
  /** The folder of static files copied into each build. Defaults to `<root>/static`. */
  staticDir?: string;
}

/** What a build wrote, as `manifest.json` in its folder. */
export interface BuildManifest {
  /** The build id: a hash of the sources. */
  buildId: string;
  /** The boot runtime's file. */
  client: string;
  /** Each island chunk (the base name of its file in `islands/`) → its bundle file. */
  islands: Record<string, string>;
  /** Every file of the build that may be served. */
  files: string[];
  /** The static files copied into the build (a subset of `files`). */
  assets: string[];
  /** File → the codings written beside it (`<file>.br`, `<file>.gz`). */
  codings: Record<string, BuildCoding[]>;
  /** JavaScript file → the build files it imports statically. */
  imports: Record<string, string[]>;
}

/** One build on disk. */
export interface Build {
  /** The build id. */
  id: string;
  /** The folder holding its files. */
  dir: string;
  /** Its manifest. */
  manifest: BuildManifest;
}

const DEFAULT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLIENT_ENTRY = fileURLToPath(new URL("./client.ts", import.meta.url));
const ISLAND_FILE = /^([A-Za-z0-9][A-Za-z0-9_-]*)\.(tsx|ts|jsx|js)$/;
/** Changes when what a build folder holds changes, so older folders are not reused. */
const BUILD_FORMAT = "4: bundles, static files, br and gzip variants, static imports";

let currentId: string | undefined;
const pending = new Map<string, Promise<Build>>();

/**
 * Lists the island modules of a folder: its top-level `.tsx`/`.ts`/`.jsx`/`.js` files, except
 * `mod.ts`, tests and files starting with `_`.
 *
 * @param islandsDir The islands folder.
 * @returns Chunk name (file base name) → absolute path, sorted by chunk name.
 *
 * @example
 * ```ts
 * import { islandEntries } from "./build.ts";
 * console.log(Object.keys(islandEntries("islands"))); // ["TaskStatus"]
 * ```
 */
export function islandEntries(islandsDir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const names = [...Deno.readDirSync(islandsDir)].filter((entry) => entry.isFile).map((e) =>
    e.name
  );
  for (const name of names.sort()) {
    const match = ISLAND_FILE.exec(name);
    if (!match || /_test\.[jt]sx?$/.test(name) || /^mod\.[jt]sx?$/.test(name)) continue;
    if (match[1] === "client" || match[1] === "manifest") {
      throw new IslandBuildError(`Cannot build island file "${name}": the name is reserved`);
    }
    if (entries[match[1]]) {
      throw new IslandBuildError(`Cannot build island file "${name}": chunk "${match[1]}" exists`);
    }
    entries[match[1]] = resolve(islandsDir, name);
  }
  return entries;
}

/**
 * Computes the build id: a hash of every local module the bundles include (the boot runtime,
 * the islands and whatever they import, wherever it lives), the static files, `deno.json`,
 * `deno.lock` and the Deno version. It changes whenever a file of the build would.
 *
 * @param options Source folders; see {@linkcode BuildOptions}.
 * @returns 16 hex digits.
 *
 * @example
 * ```ts
 * import { computeBuildId } from "./build.ts";
 * console.log(computeBuildId().length); // 16
 * ```
 */
export function computeBuildId(options: BuildOptions = {}): string {
  const { root, islandsDir, staticDir } = resolveOptions(options);
  const hash = createHash("sha256");
  hash.update(`deno ${Deno.version.deno}\0${BUILD_FORMAT}\0`);
  const entries = [CLIENT_ENTRY, ...Object.values(islandEntries(islandsDir))];
  const files = [
    ...localModules(entries),
    join(root, "deno.json"),
    join(root, "deno.lock"),
    ...staticFiles(staticDir),
  ];
  for (const file of files) {
    let content: Uint8Array;
    try {
      content = Deno.readFileSync(file);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      throw error;
    }
    hash.update(`${relative(root, file)}\0`);
    hash.update(content);
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * Returns the build for the current sources, running `deno bundle` only when no build with
 * that id exists yet. Call it at start-up; concurrent calls share one build.
 *
 * @param options Source and output folders; see {@linkcode BuildOptions}.
 * @returns The build, which also becomes the one `renderPage()` links to by default.
 * @throws {IslandBuildError} If bundling fails.
 *
 * @example
 * ```ts ignore
 * import { ensureBuild } from "./build.ts";
 * const build = await ensureBuild();
 * console.log(`islands build ${build.id}`);
 * ```
 */
export function ensureBuild(options: BuildOptions = {}): Promise<Build> {
  const { outDir } = resolveOptions(options);
  const id = computeBuildId(options);
  const key = join(outDir, id);
  let build = pending.get(key);
  if (!build) {
    build = (async () => (await readBuild(outDir, id)) ?? (await bundleIslands(options, id)))();
    pending.set(key, build);
    build.catch(() => pending.delete(key));
  }
  return build.then((done) => {
    currentId = done.id;
    return done;
  });
}

/**
 * Reads a build's manifest from disk.
 *
 * @param outDir The folder holding builds.
 * @param id The build id.
 * @returns The build, or `null` if there is no complete build with that id.
 *
 * @example
 * ```ts ignore
 * import { readBuild } from "./build.ts";
 * console.log(await readBuild("_build", "0123456789abcdef")); // null
 * ```
 */
export async function readBuild(outDir: string, id: string): Promise<Build | null> {
  const dir = join(outDir, id);
  try {
    const manifest = JSON.parse(await Deno.readTextFile(join(dir, "manifest.json")));
    return { id, dir, manifest };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/**
 * The build id pages link to: that of the last {@linkcode ensureBuild} call, or else the id
 * computed from the sources on disk.
 *
 * @returns The build id.
 *
 * @example
 * ```ts
 * import { currentBuildId } from "./build.ts";
 * console.log(currentBuildId());
 * ```
 */
export function currentBuildId(): string {
  currentId ??= computeBuildId();
  return currentId;
}

async function bundleIslands(options: BuildOptions, id: string): Promise<Build> {
  const { root, islandsDir, outDir, staticDir } = resolveOptions(options);
  const islands = islandEntries(islandsDir);
  const scratch = join(outDir, `.tmp-${id}-${crypto.randomUUID()}`);
  const entryDir = join(scratch, "entries");
  const tmp = join(scratch, "out");
  await Deno.mkdir(entryDir, { recursive: true });
  try {
    // Shims in one folder keep the output flat: `client.js`, `TaskStatus.js`, shared chunks.
    const entries = [await writeShim(entryDir, "client", CLIENT_ENTRY)];
    for (const [chunk, file] of Object.entries(islands)) {
      entries.push(await writeShim(entryDir, chunk, file));
    }
    await runDenoBundle(root, tmp, entries);
    const manifest = emptyManifest(id);
    manifest.islands = Object.fromEntries(Object.keys(islands).map((c) => [c, `${c}.js`]));
    manifest.assets = await copyStaticFiles(staticFiles(staticDir), tmp);
    manifest.files = listFiles(tmp).map((file) => relative(tmp, file)).sort();
    manifest.imports = await staticImports(tmp, manifest.files);
    manifest.codings = await precompress(tmp, manifest.files);
    for (const file of [manifest.client, ...Object.values(manifest.islands)]) {
      if (!manifest.files.includes(file)) {
        throw new IslandBuildError(`Cannot build islands: deno bundle did not write "${file}"`);
      }
    }
    await Deno.writeTextFile(join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2));
    const dir = join(outDir, id);
    try {
      await Deno.rename(tmp, dir);
    } catch (error) {
      // Another process finished the same build first; its files are identical.
      if (!(await readBuild(outDir, id))) throw error;
    }
    return { id, dir, manifest };
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

function resolveOptions(options: BuildOptions): Required<BuildOptions> {
  const root = resolve(options.root ?? DEFAULT_ROOT);
  return {
    root,
    islandsDir: resolve(root, options.islandsDir ?? "islands"),
    outDir: resolve(root, options.outDir ?? "_build"),
    staticDir: resolve(root, options.staticDir ?? "static"),
  };
}

function emptyManifest(buildId: string): BuildManifest {
  return {
    buildId,
    client: "client.js",
    islands: {},
    files: [],
    assets: [],
    codings: {},
    imports: {},
  };
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return files;
    throw error;
  }
  for (const entry of entries.sort((a, b) => a.name < b.name ? -1 : 1)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) files.push(...listFiles(path));
    else if (entry.isFile) files.push(path);
  }
  return files;
}
