/**
 * Server rendering with islands: a preact `options` hook marks each island with comment
 * markers and collects its props; `renderPage()` adds the state (JSON, not executable) and
 * links the one external boot module for the page's set of islands. No inline script, so the
 * page needs no CSP nonce and its bytes are the same for every response.
 *
 * @module
 */
import { Fragment, h, options, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { bootFileName } from "./boot_module.ts";
import { currentBuildId } from "./build.ts";
import { MARKER_END, MARKER_START, STATE_ELEMENT_ID } from "./_format.ts";
import { findIsland, type Island } from "./registry.ts";
import { serializeIslandState } from "./serialize.ts";

/** Options of {@linkcode renderPage}. */
export interface RenderPageOptions {
  /** The build the page links to. Defaults to the last `ensureBuild()`'s, or the sources' id. */
  buildId?: string;
  /** Where `buildRoutes()` is mounted. Defaults to `"/_build"`. */
  basePath?: string;
  /**
   * The build's static imports (`BuildManifest.imports`): with them, the page preloads every
   * module its islands need at once; without, only the runtime and the island chunks.
   */
  imports?: Readonly<Record<string, readonly string[]>>;
}

interface RenderedIsland {
  island: Island;
  props: Record<string, unknown>;
}

class RenderState {
  readonly islands: RenderedIsland[] = [];
  /** The build's folder URL: `<basePath>/<buildId>`. */
  readonly base: string;
  readonly imports: Readonly<Record<string, readonly string[]>>;
  /** How many island wrappers enclose the node being rendered; only outermost ones are marked. */
  depth = 0;

  constructor(opts: RenderPageOptions) {
    this.imports = opts.imports ?? {};
    this.base = `${(opts.basePath ?? "/_build").replace(/\/+$/, "")}/${
      opts.buildId ?? currentBuildId()
    }`;
  }
}

// deno-lint-ignore no-explicit-any
type Hook = ((vnode: VNode<any>) => void) | undefined;
// preact's mangled name for the "before diff" hook, which preact-render-to-string also calls.
const DIFF = "__b";
const hooks = options as unknown as Record<string, Hook>;

let state: RenderState | null = null;
const wrappers = new Map<Island, (props: Record<string, unknown>) => VNode>();
const wrapperSet = new Set<unknown>();
/** The island vnodes a wrapper renders; the hook must not wrap them again. */
const wrapped = new WeakSet<VNode>();

const previousDiff = hooks[DIFF];
hooks[DIFF] = function beaconIslandDiff(vnode) {
  if (state) {
    const island = wrapped.has(vnode) ? undefined : findIsland(vnode.type);
    if (island) vnode.type = wrapperFor(island);
  }
  previousDiff?.(vnode);
};

const previousDiffed = options.diffed;
options.diffed = function beaconIslandDiffed(vnode) {
  if (state && wrapperSet.has(vnode.type)) state.depth--;
  previousDiffed?.(vnode);
};

function wrapperFor(island: Island): (props: Record<string, unknown>) => VNode {
  let wrapper = wrappers.get(island);
  if (wrapper) return wrapper;
  wrapper = function IslandMarker(props: Record<string, unknown>): VNode {
    const child = h(island.component, props);
    wrapped.add(child);
    if (!state) return child;
    state.depth++;
    if (state.depth > 1) return child;
    const index = state.islands.push({ island, props }) - 1;
    return h(
      Fragment,
      null,
      comment(`${MARKER_START}${island.name}:${index}`),
      child,
      comment(`${MARKER_END}${index}`),
    );
  };
  wrappers.set(island, wrapper);
  wrapperSet.add(wrapper);
  return wrapper;
}

function comment(text: string): VNode {
  // preact-render-to-string writes a Fragment with this prop as `<!--text-->`.
  return h(Fragment, { UNSTABLE_comment: text } as Record<string, unknown>) as VNode;
}

/**
 * Renders a whole HTML document. The caller supplies the full `<html>` tree, head included.
 * Every island in it is wrapped in `<!--beacon-island:Name:i-->…<!--/beacon-island:i-->`
 * markers; if there is at least one, a JSON state script with their props, `modulepreload`
 * links for the boot runtime and the used island chunks, and one external module script (the
 * boot module of that set of chunks, `boot_module.ts`) go before `</body>`. A page without
 * islands gets no script at all. Safe for concurrent requests: rendering is synchronous and
 * its state is per call.
 *
 * @param vnode The page, usually `<html>…</html>`.
 * @param opts Build id and base path; see {@linkcode RenderPageOptions}.
 * @returns `<!DOCTYPE html>` followed by the markup.
 * @throws {TypeError} If an island's props cannot be serialised.
 *
 * @example
 * ```tsx
 * import { renderPage } from "./render.ts";
 * const html = renderPage(
 *   <html><head><title>Hi</title></head><body><p>No islands here</p></body></html>,
 *   { buildId: "0123456789abcdef" },
 * );
 * console.log(html.includes("<script")); // false
 * ```
 */
// deno-lint-ignore no-explicit-any
export function renderPage(vnode: VNode<any>, opts: RenderPageOptions = {}): string {
  const outer = state;
  const local = new RenderState(opts);
  state = local;
  let html: string;
  try {
    html = renderToString(vnode);
  } finally {
    state = outer;
  }
  const doctype = /^<html[\s>]/i.test(html) ? "<!DOCTYPE html>" : "";
  if (local.islands.length === 0) return doctype + html;
  const scripts = islandScripts(local);
  const at = html.lastIndexOf("</body>");
  return at === -1
    ? doctype + html + scripts
    : doctype + html.slice(0, at) + scripts + html.slice(at);
}

/**
 * The URL of a file of the build the page being rendered links to (`/_build/<id>/<file>`):
 * its stylesheet, icon or any other static file the build copied. Outside `renderPage()`, the
 * current build's.
 *
 * @param file A file name of the build, such as `"app.css"`.
 * @returns The immutable URL.
 *
 * @example
 * ```tsx
 * import { buildFileUrl, renderPage } from "./render.ts";
 * function Head() {
 *   return <link rel="stylesheet" href={buildFileUrl("app.css")} />;
 * }
 * const html = renderPage(<html><head><Head /></head></html>, { buildId: "0123456789abcdef" });
 * console.log(html.includes("/_build/0123456789abcdef/app.css")); // true
 * ```
 */
export function buildFileUrl(file: string): string {
  const base = state?.base ?? new RenderState({}).base;
  return `${base}/${file}`;
}

function islandScripts(local: RenderState): string {
  const { islands, base } = local;
  const json = serializeIslandState(
    islands.map(({ island, props }) => ({ name: island.name, props })),
  );
  const chunks = [...new Set(islands.map(({ island }) => island.chunk))].sort();
  const modules = moduleGraph(
    ["client.js", ...chunks.map((chunk) => `${chunk}.js`)],
    local.imports,
  );
  const preloads = modules.map((file) =>
    `<link rel="modulepreload" href="${escapeAttribute(`${base}/${file}`)}">`
  );
  return `<script type="application/json" id="${STATE_ELEMENT_ID}">${json}</script>` +
    preloads.join("") +
    `<script type="module" src="${escapeAttribute(`${base}/${bootFileName(chunks)}`)}"></script>`;
}

/** The entry files and every file they import, transitively: entries first, then imports. */
function moduleGraph(
  entries: readonly string[],
  imports: Readonly<Record<string, readonly string[]>>,
): string[] {
  const seen = new Set<string>(entries);
  const queue = [...entries];
  while (queue.length) {
    for (const file of imports[queue.shift()!] ?? []) {
      if (!seen.has(file)) {
        seen.add(file);
        queue.push(file);
      }
    }
  }
  return [...seen];
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);
}
