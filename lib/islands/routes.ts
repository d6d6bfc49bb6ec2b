/**
 * Serves built bundles under `/<build-id>/<file>` with immutable caching.
 *
 * @module
 */
import { Hono } from "hono";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildManifest, readBuild } from "./build.ts";

/** Options of {@linkcode buildRoutes}. */
export interface BuildRoutesOptions {
  /** The folder holding builds. Defaults to the repo's `_build/`. */
  outDir?: string;
}

const BUILD_ID = /^[0-9a-f]{16}$/;
const FILE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const CONTENT_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  map: "application/json; charset=utf-8",
};

/**
 * Makes a Hono app serving the files of every complete build in `outDir`, as
 * `GET /<build-id>/<file>` with `Cache-Control: public, max-age=31536000, immutable`. Only
 * files listed in a build's manifest are served; anything else is a 404. Mount it at the
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
  const files = new Map<string, Uint8Array<ArrayBuffer>>();

  async function manifestOf(id: string): Promise<BuildManifest | null> {
    const known = manifests.get(id);
    if (known) return known;
    const build = await readBuild(outDir, id);
    // Only found builds are remembered: a missing one may be built later.
    if (build) manifests.set(id, build.manifest);
    return build?.manifest ?? null;
  }

  const app = new Hono();
  app.get("/:id/:file", async function serveBuildFile(c) {
    const { id, file } = c.req.param();
    const type = CONTENT_TYPES[file.slice(file.lastIndexOf(".") + 1)];
    if (!BUILD_ID.test(id) || !FILE.test(file) || !type) return notFound();
    const manifest = await manifestOf(id);
    if (!manifest?.files.includes(file)) return notFound();
    const key = `${id}/${file}`;
    let body = files.get(key);
    if (!body) {
      body = await Deno.readFile(join(outDir, id, file));
      files.set(key, body);
    }
    return new Response(body, {
      headers: {
        "content-type": type,
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      },
    });
  });
  app.all("*", () => notFound());
  return app;
}

function notFound(): Response {
  return new Response("Not Found", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
