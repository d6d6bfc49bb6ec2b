/**
 * The resources a page's live store holds: one API path each, its ETag and its data as signals.
 * Runs on the server (to render) and in the browser (to update).
 *
 * @module
 */
import { type ReadonlySignal, type Signal, signal } from "@preact/signals";

/** One resource of the store: what `GET path` answered, kept as signals. */
export interface LiveResource<T = unknown> {
  /** The API path, such as `/api/projects/<id>`; the store's key. */
  readonly path: string;
  /** The ETag of the data held, sent as the batch's `etag`; null when none is known. */
  etag: string | null;
  /** The data; islands read it (or finer signals the resource offers). */
  readonly data: ReadonlySignal<T>;
  /**
   * Takes a body the server sent (a batch entry with status 200) and its ETag. Only the parts
   * that differ from what is held change their signals.
   *
   * @returns Whether anything an island shows changed.
   */
  receive(body: T, etag: string | null): boolean;
  /** The data as the server last sent it (no optimistic changes), for the session snapshot. */
  snapshot(): T;
}

/**
 * Reuses as much of `previous` as is equal to `next`: the result is `previous` itself when
 * both serialise alike; for arrays of objects with an `id`, each unchanged element keeps its
 * identity. Signals and computeds holding the result then see "no change" where there is none,
 * so the islands reading them do not render again.
 *
 * @param previous The value held.
 * @param next The value received.
 * @returns `previous`, or `next` with unchanged elements swapped for the previous ones.
 *
 * @example
 * ```ts
 * import { reconcile } from "./resource.ts";
 * const a = [{ id: "1", n: 1 }, { id: "2", n: 2 }];
 * const b = reconcile(a, [{ id: "1", n: 1 }, { id: "2", n: 3 }]);
 * console.log(b[0] === a[0], b[1] === a[1]); // true false
 * ```
 */
export function reconcile<T>(previous: T, next: T): T {
  if (previous === next) return previous;
  if (JSON.stringify(previous) === JSON.stringify(next)) return previous;
  if (Array.isArray(previous) && Array.isArray(next)) {
    const byId = new Map<unknown, unknown>();
    for (const item of previous) {
      if (item && typeof item === "object" && "id" in item) byId.set(item.id, item);
    }
    return next.map((item) => {
      if (!item || typeof item !== "object" || !("id" in item)) return item;
      const old = byId.get(item.id);
      return old === undefined ? item : reconcile(old, item);
    }) as T;
  }
  return next;
}

/**
 * Sets a signal to `next` only when it differs from the value held (by JSON), keeping the
 * identity of unchanged parts; see {@linkcode reconcile}.
 *
 * @param target The signal.
 * @param next The new value.
 * @returns Whether the signal changed.
 *
 * @example
 * ```ts
 * import { signal } from "@preact/signals";
 * import { setIfChanged } from "./resource.ts";
 * const s = signal({ a: 1 });
 * console.log(setIfChanged(s, { a: 1 })); // false
 * ```
 */
export function setIfChanged<T>(target: Signal<T>, next: T): boolean {
  const value = reconcile(target.peek(), next);
  if (value === target.peek()) return false;
  target.value = value;
  return true;
}

/**
 * A resource whose data is one JSON value, such as `/api/context`.
 *
 * @example
 * ```ts
 * import { JsonResource } from "./resource.ts";
 * const context = new JsonResource("/api/context", { role: "member" }, 'W/"1"');
 * context.receive({ role: "viewer" }, 'W/"2"');
 * console.log(context.data.value); // { role: "viewer" }
 * ```
 */
export class JsonResource<T = unknown> implements LiveResource<T> {
  readonly path: string;
  etag: string | null;
  readonly #data: Signal<T>;

  constructor(path: string, data: T, etag: string | null) {
    this.path = path;
    this.etag = etag;
    this.#data = signal(data);
  }

  get data(): ReadonlySignal<T> {
    return this.#data;
  }

  receive(body: T, etag: string | null): boolean {
    this.etag = etag;
    return setIfChanged(this.#data, body);
  }

  snapshot(): T {
    return this.#data.peek();
  }
}
