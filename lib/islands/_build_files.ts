/**
 * Private helpers of the build: the static files it copies beside the bundles, and the
 * br and gzip variants it writes of every text file, once, at build time.
 *
 * @module
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { join } from "node:path";
import { IslandBuildError } from "./build_error.ts";

/** What a build file is sent as, by extension; only these are copied and served. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  js: "text/javascript; charset=utf-8",
  map: "application/json; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  woff2: "font/woff2",
  txt: "text/plain; charset=utf-8",
};

/** Extensions worth compressing (the others are compressed formats already). */
const TEXT = new Set(["js", "map", "css", "svg", "txt"]);

/** The codings a build file may have besides identity, in the order they are preferred. */
export type BuildCoding = "br" | "gzip";

/** The file-name suffix of each coding's variant. */
export const CODING_SUFFIX: Readonly<Record<BuildCoding, string>> = { br: ".br", gzip: ".gz" };

/** The extension of a file name, without the dot. */
export function extensionOf(file: string): string {
  return file.slice(file.lastIndexOf(".") + 1);
}

/**
 * The files of `staticDir` a build copies: its top-level files with a known extension,
 * sorted. A missing folder has none.
 */
export function staticFiles(staticDir: string): string[] {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(staticDir)];
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile && CONTENT_TYPES[extensionOf(entry.name)] !== undefined)
    .map((entry) => join(staticDir, entry.name))
    .sort();
}

/** Copies the static files into the build's folder, refusing a name a bundle already took. */
export async function copyStaticFiles(files: readonly string[], outDir: string): Promise<string[]> {
  const copied: string[] = [];
  for (const file of files) {
    const name = file.slice(file.lastIndexOf("/") + 1);
    const target = join(outDir, name);
    if (await exists(target)) {
      throw new IslandBuildError(`Cannot copy static file "${name}": the bundles have that name`);
    }
    await Deno.copyFile(file, target);
    copied.push(name);
  }
  return copied;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * Writes `<file>.br` (brotli 11) and `<file>.gz` (gzip 9) beside every text file of the build
 * where they are smaller: build files are compressed once and served for a year, so the
 * slowest, smallest levels pay off here.
 *
 * @returns File → the codings written for it.
 */
export async function precompress(
  dir: string,
  files: readonly string[],
): Promise<Record<string, BuildCoding[]>> {
  const codings: Record<string, BuildCoding[]> = {};
  for (const file of files) {
    if (!TEXT.has(extensionOf(file))) continue;
    const body = await Deno.readFile(join(dir, file));
    const variants: [BuildCoding, Uint8Array][] = [
      [
        "br",
        brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          },
        }),
      ],
      ["gzip", gzipSync(body, { level: 9 })],
    ];
    for (const [coding, coded] of variants) {
      if (coded.byteLength >= body.byteLength) continue;
      await Deno.writeFile(join(dir, file + CODING_SUFFIX[coding]), coded);
      (codings[file] ??= []).push(coding);
    }
  }
  return codings;
}

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"\.\/([^"]+\.js)"/g;

/**
 * The build files each JavaScript file of the build imports statically (`./chunk-X.js`), so
 * a page can preload the whole graph of its islands at once instead of level by level.
 */
export async function staticImports(
  dir: string,
  files: readonly string[],
): Promise<Record<string, string[]>> {
  const imports: Record<string, string[]> = {};
  for (const file of files) {
    if (extensionOf(file) !== "js") continue;
    const code = await Deno.readTextFile(join(dir, file));
    const found = [...new Set([...code.matchAll(STATIC_IMPORT)].map((m) => m[1]))];
    if (found.length) imports[file] = found.filter((f) => files.includes(f)).sort();
  }
  return imports;
}
