/**
 * The request context in the live store: `/api/context` (user, tenant, role, preferences and
 * the flags evaluated for the user), so the page follows flag changes without a reload.
 *
 * @module
 */
import { type ReadonlySignal, type Signal, signal } from "@preact/signals";
import type { ContextJson } from "../model/context.ts";
import { CONTEXT_PATH } from "../model/api.ts";
import { type LiveResource, setIfChanged } from "./resource.ts";

export { CONTEXT_PATH };

/**
 * What the server hands the page's store for the context: the body `GET /api/context` would
 * answer and its ETag. The body is a signal so that it is serialised once, however many
 * islands carry the handle.
 */
export interface LiveContextHandle {
  /** The ETag `GET /api/context` would answer with; null when unknown. */
  etag: string | null;
  /** The body. */
  data: Signal<ContextJson>;
}

/**
 * Makes the context handle a page passes to its islands.
 *
 * @param body The body of `GET /api/context` for the request.
 * @param etag Its ETag; null when unknown.
 * @returns The handle.
 *
 * @example
 * ```ts ignore
 * const context = createContextHandle(contextJson(ctx), contextEtag(c, ctx));
 * ```
 */
export function createContextHandle(body: ContextJson, etag: string | null): LiveContextHandle {
  return { etag, data: signal(body) };
}

/**
 * Whether a context body says the flag `key` is on. A flag it does not name counts as on, as
 * the server reads it (only `flags.live_updates === false` refuses the socket).
 *
 * @param context A body of `GET /api/context`.
 * @param key The flag's key.
 * @returns Whether the flag is on.
 *
 * @example
 * ```ts
 * import { flagOn } from "./context.ts";
 * console.log(flagOn({ flags: { live_updates: false } }, "live_updates")); // false
 * console.log(flagOn({}, "request_batching")); // true
 * ```
 */
export function flagOn(context: unknown, key: string): boolean {
  const flags = (context as { flags?: Record<string, unknown> } | null)?.flags;
  return !flags || typeof flags !== "object" || flags[key] !== false;
}

/**
 * The context resource; its data is the handle's signal.
 *
 * @example
 * ```ts
 * import { ContextResource, createContextHandle } from "./context.ts";
 * const body = { flags: { live_updates: false } } as never;
 * const context = new ContextResource(createContextHandle(body, 'W/"1"'));
 * console.log(context.flag("live_updates"), context.flag("request_batching")); // false true
 * ```
 */
export class ContextResource implements LiveResource<ContextJson> {
  readonly path = CONTEXT_PATH;
  etag: string | null;
  readonly #data: Signal<ContextJson>;

  constructor(handle: LiveContextHandle) {
    this.etag = handle.etag;
    this.#data = handle.data;
  }

  get data(): ReadonlySignal<ContextJson> {
    return this.#data;
  }

  /** Whether the flag `key` is on for the user; read it inside an effect to follow it. */
  flag(key: string): boolean {
    return flagOn(this.#data.value, key);
  }

  receive(body: ContextJson, etag: string | null): boolean {
    this.etag = etag;
    return setIfChanged(this.#data, body);
  }

  snapshot(): ContextJson {
    return this.#data.peek();
  }
}
