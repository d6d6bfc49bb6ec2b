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
  /**
   * Takes the fields that changed since the data held (a batch entry's `patch`), merged over
   * it, and the new ETag. Resources without it are always sent whole.
   *
   * @returns Whether anything an island shows changed.
   */
  patch?(fields: Partial<T>, etag: string | null): boolean;
}

/**
 * Reuses as much of `previous` as is equal to `next`: the result is `previous` itself when
 * both hold the same data; otherwise every unchanged part keeps its identity — array elements
 * with an `id` matched by id, others by position, object fields by name. Signals and computeds
 * holding the result then see "no change" where there is none, so the islands reading them do
 * not render again. One walk over both values, nothing serialised: a page takes a new
 * dashboard in a fraction of what comparing JSON texts cost.
 *
 * @param previous The value held.
 * @param next The value received.
 * @returns `previous`, or `next` with unchanged parts swapped for the previous ones.
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
  if (Object.is(previous, next)) return previous;
  if (Array.isArray(previous) && Array.isArray(next)) {
    return reconcileArray(previous, next) as T;
  }
  if (isRecord(previous) && isRecord(next)) return reconcileRecord(previous, next) as T;
  return next;
}

function reconcileArray(previous: unknown[], next: unknown[]): unknown[] {
  let byId: Map<unknown, unknown> | undefined;
  let same = previous.length === next.length;
  const out = next.map((item, i) => {
    let old: unknown = previous[i];
    if (hasId(item)) {
      if (!hasId(old) || old.id !== item.id) {
        byId ??= new Map(previous.filter(hasId).map((element) => [element.id, element]));
        old = byId.get(item.id);
      }
    }
    const kept = old === undefined ? item : reconcile(old, item);
    if (kept !== previous[i]) same = false;
    return kept;
  });
  return same ? previous : out;
}

function reconcileRecord(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const keys = Object.keys(next);
  let same = keys.length === Object.keys(previous).length;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const kept = Object.hasOwn(previous, key) ? reconcile(previous[key], next[key]) : next[key];
    if (kept !== previous[key] || !Object.hasOwn(previous, key)) same = false;
    out[key] = kept;
  }
  return same ? previous : out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasId(value: unknown): value is { id: unknown } {
  return value !== null && typeof value === "object" && "id" in value;
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
