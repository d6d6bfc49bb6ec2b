/**
 * Serves a build's files under `/<build-id>/<file>`: immutable, in the content coding the
 * request accepts (br and gzip written at build time), and the boot module of any set of the
 * build's island chunks.
 *
 * @module
 */
import { Hono } from "hono";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pickCoding } from "./_accept_encoding.ts";
import { type BuildCoding, CODING_SUFFIX, CONTENT_TYPES, extensionOf } from "./_build_files.ts";
import { bootModuleSource, chunksOfBootFile } from "./boot_module.ts";
import { type BuildManifest, readBuild } from "./build.ts";
import { registeredIslands } from "./registry.ts";

/** Options of {@linkcode buildRoutes}. */
export interface BuildRoutesOptions {
  /** The folder holding builds. Defaults to the repo's `_build/`. */
  outDir?: string;
}

/** A file as it is sent: its bytes in each coding it has. */
interface BuildFile {
  type: string;
  identity: Uint8Array<ArrayBuffer>;
  coded: Partial<Record<BuildCoding, Uint8Array<ArrayBuffer>>>;
}

const BUILD_ID = /^[0-9a-f]{16}$/;
const FILE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const IMMUTABLE = "public, max-age=31536000, immutable";
/**
 * Boot modules made in memory that are kept at once: any set of a build's chunks names one, so
 * the oldest are let go (a later request makes it again) and no client can grow the map.
 */
const MAX_BOOT_FILES = 64;

/**
 * Makes a Hono app serving the files of every complete build in `outDir`, as
 * `GET /<build-id>/<file>` with `Cache-Control: public, max-age=31536000, immutable`, a strong
 * `ETag` (the build id, with `-br` or `-gzip` for a coded body) and `Vary: Accept-Encoding`.
 * Only files listed in a build's manifest are served, and `boot.<chunk>….js` for any set of
 * its island chunks; anything else — an unknown build id included — is a 404. Mount it at the
 * `basePath` given to `renderPage()` (default `/_build`).
 *
 * @param options Where builds live; see {@linkcode BuildRoutesOptions}.
 * @returns The sub-app.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { buildRoutes } from "./routes.ts";
 * const app = new Hono();
 * app.route("/_build", buildRoutes());
 * const res = await app.request("/_build/nope/client.js");
 * console.log(res.status); // 404
 * ```
 */
export function buildRoutes(options: BuildRoutesOptions = {}): Hono {
  const outDir = resolve(
    options.outDir ?? fileURLToPath(new URL("../../_build/", import.meta.url)),
  );
  const manifests = new Map<string, BuildManifest>();
  const files = new Map<string, Promise<BuildFile | null>>();

  async function manifestOf(id: string): Promise<BuildManifest | null> {
    const known = manifests.get(id);
    if (known) return known;
    const build = await readBuild(outDir, id);
    // Only found builds are remembered: a missing one may be built later.
    if (build) manifests.set(id, build.manifest);
    return build?.manifest ?? null;
  }

  async function load(id: string, file: string): Promise<BuildFile | null> {
    const type = CONTENT_TYPES[extensionOf(file)];
    const manifest = await manifestOf(id);
    if (!type || !manifest) return null;
    if (manifest.files.includes(file)) {
      return await readFile(join(outDir, id), file, manifest, type);
    }
    const chunks = chunksOfBootFile(file);
    if (!chunks?.every((chunk) => manifest.islands[chunk] !== undefined)) return null;
    const islands = registeredIslands().filter((island) => chunks.includes(island.chunk));
    if (islands.length === 0) return null;
    return textFile(bootModuleSource(islands), type);
  }

  const boots: string[] = [];
  function keepBounded(key: string): void {
    boots.push(key);
    if (boots.length > MAX_BOOT_FILES) files.delete(boots.shift()!);
  }

  const app = new Hono();
  app.on(["GET", "HEAD"], "/:id/:file", async function serveBuildFile(c) {
    const { id, file } = c.req.param();
    if (!BUILD_ID.test(id) || !FILE.test(file)) return notFound();
    const key = `${id}/${file}`;
    let found = files.get(key);
    if (!found) {
      found = load(id, file);
      files.set(key, found);
      // Only found files are remembered: a missing build may be written later.
      found.then((f) => f ?? files.delete(key), () => files.delete(key));
      if (chunksOfBootFile(file)) keepBounded(key);
    }
    const built = await found;
    if (!built) return notFound();
    const available = Object.keys(built.coded) as BuildCoding[];
    const coding = pickCoding(c.req.header("accept-encoding") ?? null, available);
    const etag = coding === "identity" ? `"${id}"` : `"${id}-${coding}"`;
    const headers: Record<string, string> = {
      "cache-control": IMMUTABLE,
      etag,
      "x-content-type-options": "nosniff",
    };
    if (available.length) headers.vary = "Accept-Encoding";
    if (heldTags(c.req.header("if-none-match")).includes(etag)) {
      return new Response(null, { status: 304, headers });
    }
    headers["content-type"] = built.type;
    if (coding !== "identity") headers["content-encoding"] = coding;
    const body = coding === "identity" ? built.identity : built.coded[coding]!;
    return new Response(c.req.method === "HEAD" ? null : body, { headers });
  });
  app.all("*", () => notFound());
  return app;
}

async function readFile(
  dir: string,
  file: string,
  manifest: BuildManifest,
  type: string,
): Promise<BuildFile> {
  const coded: BuildFile["coded"] = {};
  for (const coding of manifest.codings?.[file] ?? []) {
    coded[coding] = await Deno.readFile(join(dir, file + CODING_SUFFIX[coding]));
  }
  return { type, identity: await Deno.readFile(join(dir, file)), coded };
}

/** A file made in memory (a boot module), compressed once. */
function textFile(text: string, type: string): BuildFile {
  const identity = new TextEncoder().encode(text);
  const copy = (b: Uint8Array) => new Uint8Array(b) as Uint8Array<ArrayBuffer>;
  return {
    type,
    identity,
    coded: { br: copy(brotliCompressSync(identity)), gzip: copy(gzipSync(identity, { level: 9 })) },
  };
}

/** The entity tags of `If-None-Match`, quoted as sent, `W/` dropped (weak comparison). */
function heldTags(header: string | undefined): string[] {
  if (!header) return [];
  return header.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
}

function notFound(): Response {
  return new Response("Not Found", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
