/**
 * The boot runtime, bundled for the browser as `client.js`. The page's module script imports
 * it and the island chunks it uses, then calls `boot()`.
 *
 * @module
 */
import { type ComponentType, h, hydrate } from "preact";
import { MARKER_END, MARKER_START, STATE_ELEMENT_ID } from "./_format.ts";
import { reviveIslandState } from "./revive.ts";
import { createRootFragment } from "./root_fragment.ts";

/** One island found in the document. */
export interface IslandMarker {
  /** The island's name. */
  name: string;
  /** Its index into the state's props. */
  index: number;
  /** The opening comment. */
  start: Comment;
  /** The closing comment. */
  end: Comment;
}

/**
 * Finds every island's pair of comment markers under `root`, in document order.
 *
 * @param root Where to look; usually `document.body`.
 * @returns The markers; an opening marker without a sibling closing one is skipped.
 *
 * @example
 * ```ts ignore
 * import { findIslandMarkers } from "./client.ts";
 * console.log(findIslandMarkers(document.body).map((m) => m.name));
 * ```
 */
export function findIslandMarkers(root: Node): IslandMarker[] {
  const markers: IslandMarker[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Comment).data;
    if (!data.startsWith(MARKER_START)) continue;
    const [name, index] = data.slice(MARKER_START.length).split(":");
    const closing = `${MARKER_END}${index}`;
    let end = node.nextSibling;
    while (end && !(end.nodeType === Node.COMMENT_NODE && (end as Comment).data === closing)) {
      end = end.nextSibling;
    }
    if (end) {
      markers.push({ name, index: Number(index), start: node as Comment, end: end as Comment });
    }
  }
  return markers;
}

/**
 * Revives the page's island props and hydrates each island in place. Islands sharing a
 * signal on the server share one signal here. An island whose component is missing is
 * reported on the console and left as server-rendered HTML.
 *
 * @param islands Island name → component, as imported by the page's module script.
 * @param root Where to look for markers. Defaults to `document.body`.
 *
 * @example
 * ```ts ignore
 * import { boot } from "./client.ts";
 * import { TaskStatus } from "../../islands/TaskStatus.tsx";
 * boot({ TaskStatus });
 * ```
 */
export function boot(
  // deno-lint-ignore no-explicit-any
  islands: Record<string, ComponentType<any>>,
  root: Node = document.body,
): void {
  const stateText = document.getElementById(STATE_ELEMENT_ID)?.textContent ?? "";
  const props = stateText ? reviveIslandState(stateText) : [];
  // Collected before hydrating, since hydrating changes the DOM being walked.
  for (const marker of findIslandMarkers(root)) {
    const component = islands[marker.name];
    if (!component) {
      console.error(`Cannot hydrate island "${marker.name}": its chunk was not loaded`);
      continue;
    }
    try {
      hydrate(
        h(component, props[marker.index] ?? {}),
        createRootFragment(marker.start, marker.end),
      );
    } catch (error) {
      console.error(`Cannot hydrate island "${marker.name}"`, error);
    }
  }
}
