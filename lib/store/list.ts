/**
 * A tenant's list in the live store — the project list of the home page, the people of the
 * People page: one JSON array at one API path (`/api/projects`, `/api/members`), held as one
 * signal that the island reads, so the island renders again when the list changes.
 *
 * @module
 */
import { type ReadonlySignal, type Signal, signal } from "@preact/signals";
import type { LiveContextHandle } from "./context.ts";
import { type LiveResource, setIfChanged } from "./resource.ts";
import { liveStore } from "./store.ts";

/**
 * What the server hands a list island as a prop: the resource's path, the API ETag and the
 * bus sequence number the render reflects, and the items as a signal.
 */
export interface LiveListHandle<T> {
  /** The API path, such as `/api/projects`. */
  path: string;
  /** The ETag `GET path` would answer with for the items rendered; null when unknown. */
  etag: string | null;
  /** The last invalidation sequence number the rendered items reflect. */
  seq: number;
  /** The items. */
  items: Signal<T[]>;
  /** The request context rendered with it, which the store then holds too; none if absent. */
  context?: LiveContextHandle;
}

/**
 * Makes the handle a page passes to its list island.
 *
 * @param path The API path that answers the list.
 * @param items The items rendered.
 * @param options The API ETag and sequence number the items reflect (defaults: none, 0), and
 * the request context's handle for the store to hold (default: none).
 * @returns The handle.
 *
 * @example
 * ```ts
 * import { createListHandle } from "./list.ts";
 * const live = createListHandle("/api/projects", [{ id: "p1" }], { etag: 'W/"1"', seq: 7 });
 * console.log(live.items.value.length); // 1
 * ```
 */
export function createListHandle<T>(
  path: string,
  items: T[],
  options: { etag?: string | null; seq?: number; context?: LiveContextHandle } = {},
): LiveListHandle<T> {
  return {
    path,
    etag: options.etag ?? null,
    seq: options.seq ?? 0,
    items: signal(items),
    context: options.context,
  };
}

/**
 * A list resource; its data is the handle's signal. Items with an `id` that did not change
 * keep their identity when a new list arrives (see `reconcile()`).
 *
 * @example
 * ```ts
 * import { createListHandle, ListResource } from "./list.ts";
 * const list = new ListResource(createListHandle("/api/projects", [{ id: "p1", n: 1 }]));
 * list.receive([{ id: "p1", n: 1 }, { id: "p2", n: 2 }], 'W/"2"');
 * console.log(list.data.value.length); // 2
 * ```
 */
export class ListResource<T> implements LiveResource<T[]> {
  readonly path: string;
  etag: string | null;
  readonly #items: Signal<T[]>;

  /** @param handle The handle the server rendered. */
  constructor(handle: LiveListHandle<T>) {
    this.path = handle.path;
    this.etag = handle.etag;
    this.#items = handle.items;
  }

  get data(): ReadonlySignal<T[]> {
    return this.#items;
  }

  receive(body: T[], etag: string | null): boolean {
    this.etag = etag;
    return setIfChanged(this.#items, Array.isArray(body) ? body : []);
  }

  snapshot(): T[] {
    return this.#items.peek();
  }
}

/**
 * The items an island's `live` prop names. In the browser the list is held by the tab's store
 * (which opens the socket on first use), with the context the handle carries; on the server
 * the handle's signal is read as it is.
 *
 * @param handle The `live` prop.
 * @returns The items, as a signal to read while rendering.
 *
 * @example
 * ```tsx ignore
 * function Cards(props: { live: LiveListHandle<ProjectSummary> }) {
 *   const projects = useLiveList(props.live);
 *   return <p>{projects.value.length} projects</p>;
 * }
 * ```
 */
export function useLiveList<T>(handle: LiveListHandle<T>): ReadonlySignal<T[]> {
  if (typeof document === "undefined" || typeof globalThis.location === "undefined") {
    return handle.items;
  }
  const store = liveStore();
  const held = store.resource(handle.path) as ListResource<T> | undefined;
  return (held ?? store.adopt(new ListResource(handle), handle)).data;
}
