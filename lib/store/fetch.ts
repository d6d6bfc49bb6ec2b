/**
 * How the live store asks the server again about the resources it holds: all in one
 * `POST /api/batch`, or each with its own conditional `GET` (flag `request_batching` off).
 *
 * @module
 */
import { MAX_BATCH } from "../model/api.ts";

export { MAX_BATCH };

/** A resource to revalidate: its path and the ETag held, if any. */
export interface HeldResource {
  path: string;
  etag?: string;
}

/**
 * A resource's answer, as a batch entry: status, and for a 200 or 304 the ETag and body — or,
 * for a 200 to a page one version behind, `patch`: the fields that changed, to merge over the
 * body held under `base`.
 */
export interface ResourceAnswer {
  path: string;
  status: number;
  etag?: string;
  body?: unknown;
  base?: string;
  patch?: Record<string, unknown>;
  /** The body is an earlier version's, served stale: ask again shortly. */
  stale?: boolean;
}

/**
 * Revalidates resources in `POST /api/batch` requests of at most {@linkcode MAX_BATCH}.
 *
 * @param fetch The `fetch` to use.
 * @param resources The paths and the ETags held.
 * @param options `seq`: the last invalidation sequence number the page saw; the server answers
 * once it has applied it (the page's socket may be on another instance). `patch`: answers may
 * carry only the fields that changed (see {@linkcode ResourceAnswer}).
 * @returns Each resource's answer.
 * @throws {Error} When a batch is not answered with a 2xx.
 *
 * @example
 * ```ts ignore
 * const answers = await fetchBatched(fetch, [{ path: "/api/context", etag: 'W/"1"' }], {
 *   seq: 412,
 * });
 * ```
 */
export async function fetchBatched(
  fetch: typeof globalThis.fetch,
  resources: readonly HeldResource[],
  options: { seq?: number; patch?: boolean } = {},
): Promise<ResourceAnswer[]> {
  const chunks: HeldResource[][] = [];
  for (let i = 0; i < resources.length; i += MAX_BATCH) {
    chunks.push(resources.slice(i, i + MAX_BATCH));
  }
  const answers = await Promise.all(chunks.map(async (chunk) => {
    const response = await fetch("/api/batch", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({
        resources: chunk,
        ...(options.seq ? { seq: options.seq } : {}),
        ...(options.patch ? { patch: true } : {}),
      }),
    });
    if (!response.ok) throw new Error(`Cannot revalidate: the batch answered ${response.status}`);
    const json = await response.json() as { resources?: ResourceAnswer[] };
    return Array.isArray(json.resources) ? json.resources : [];
  }));
  return answers.flat();
}

/**
 * Revalidates each resource with a `GET` of its own, sending the ETag held as
 * `If-None-Match`. The browser's HTTP cache is bypassed: the store is the cache.
 *
 * @param fetch The `fetch` to use.
 * @param resources The paths and the ETags held.
 * @returns Each resource's answer: 200 with body, 304, 403 or 404.
 * @throws {Error} When a resource is answered with another status.
 *
 * @example
 * ```ts ignore
 * const [context] = await fetchEach(fetch, [{ path: "/api/context", etag: 'W/"1"' }]);
 * if (context.status === 304) console.log("unchanged");
 * ```
 */
export function fetchEach(
  fetch: typeof globalThis.fetch,
  resources: readonly HeldResource[],
): Promise<ResourceAnswer[]> {
  return Promise.all(resources.map(async ({ path, etag }): Promise<ResourceAnswer> => {
    const headers: Record<string, string> = { accept: "application/json" };
    if (etag) headers["if-none-match"] = etag;
    const response = await fetch(path, { headers, credentials: "same-origin", cache: "no-store" });
    const answered = response.headers.get("etag") ?? undefined;
    switch (response.status) {
      case 200:
        return { path, status: 200, etag: answered, body: await response.json() };
      case 304:
        return { path, status: 304, etag: answered ?? etag };
      // Gone, or no longer the reader's to see (an owner who is one no more): kept as it was.
      case 403:
      case 404:
        await response.body?.cancel();
        return { path, status: response.status };
      default:
        await response.body?.cancel();
        throw new Error(`Cannot revalidate ${path}: the server answered ${response.status}`);
    }
  }));
}
