/**
 * Beacon's islands, on Fresh's model: server side.
 *
 * - Register islands with {@linkcode registerIslandModule} (`islands/mod.ts` does it for all).
 * - At start-up, `await ensureBuild()` builds the browser bundles if the sources changed, and
 *   `app.route("/_build", buildRoutes())` serves them.
 * - A route renders with `c.html(renderPage(<html>…</html>))`; `buildFileUrl("app.css")` names
 *   a static file the build copied (from `static/`), for the page's `<head>`.
 *
 * The browser side is `client.ts`, bundled by the build.
 *
 * @example
 * ```tsx ignore
 * import { Hono } from "hono";
 * import "../../islands/mod.ts";
 * import { buildRoutes, ensureBuild, renderPage } from "./mod.ts";
 * const build = await ensureBuild();
 * const app = new Hono();
 * app.route("/_build", buildRoutes());
 * app.get("/", (c) => c.html(renderPage(<html><body>Hi</body></html>, { buildId: build.id })));
 * ```
 *
 * @module
 */
export {
  type Build,
  type BuildManifest,
  type BuildOptions,
  computeBuildId,
  currentBuildId,
  ensureBuild,
  IslandBuildError,
  islandEntries,
  readBuild,
} from "./build.ts";
export {
  findIsland,
  type Island,
  registeredIslands,
  registerIsland,
  registerIslandModule,
  type RegisterIslandOptions,
} from "./registry.ts";
export { buildFileUrl, renderPage, type RenderPageOptions } from "./render.ts";
export { bootFileName, bootModuleSource, chunksOfBootFile } from "./boot_module.ts";
export { buildRoutes, type BuildRoutesOptions } from "./routes.ts";
export { escapeScriptJson, type IslandPropsEntry, serializeIslandState } from "./serialize.ts";
export { reviveIslandState } from "./revive.ts";
