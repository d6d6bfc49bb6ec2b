/**
 * ETags of the read model's representations: a weak ETag from the build, the representation,
 * the reader (user, tenant, role) and the versions of the topics it rests on — all in memory —
 * so a matching `If-None-Match` is answered before any load or render. Each ETag is computed
 * once per request, and noted for the remembered-304 memo as it is made.
 *
 * @module
 */
import { weakEtag } from "../http/etag.ts";
import { jsonText } from "../http/json_text.ts";
import type { MemoNote } from "../http/revalidation_memo.ts";
import type { RequestContext } from "./context.ts";
import type { VersionSource } from "./keys.ts";
import type { Resource } from "./resource.ts";

/** ETags remembered by the parts they were computed from, at most. */
const MAX_COMPUTED = 50_000;

/**
 * Which representation of a resource: the page that shows it, the page with one section's
 * forms open (`edit-<section>`), its JSON, or its Markdown.
 */
export type Representation = "page" | "api" | "markdown" | `edit-${string}`;

/** What the ETags need of the loader. */
export interface EtagSources extends VersionSource {
  cachedFor(tenantId: string, userId?: string): boolean;
  contextTopics(userId: string, tenantId: string): readonly string[];
  sessionTopics(sessionHash: string): readonly string[];
}

/** Where a computed ETag is noted, in case the request is answered with a 304 carrying it. */
export interface EtagMemo {
  note(request: Request, note: MemoNote): void;
}

/** The request an ETag is computed for. */
export interface EtagRequest {
  /** The raw request (`c.req.raw`), the memo's key. */
  request: Request;
  /** The route pattern (`c.req.routePath`), for the memo's counts. */
  route: string;
  /** Who is asking. */
  ctx: RequestContext;
}

/** Options of {@linkcode ResourceEtags}. */
export interface ResourceEtagsOptions {
  /** The islands' build id: a new build changes every page. */
  buildId: string;
  sources: EtagSources;
  memo?: EtagMemo;
}

/**
 * Computes ETags.
 *
 * @example
 * ```ts ignore
 * const etags = new ResourceEtags({ buildId, sources: loaders, memo });
 * const etag = etags.resource({ request, route, ctx }, dashboard, "page");
 * ```
 */
export class ResourceEtags {
  #buildId: string;
  #sources: EtagSources;
  #memo?: EtagMemo;
  #computed = new Map<string, string>();

  /** @param options The build id, the versions and the memo. */
  constructor(options: ResourceEtagsOptions) {
    this.#buildId = options.buildId;
    this.#sources = options.sources;
    this.#memo = options.memo;
  }

  /**
   * The ETag of a representation of a resource, or null when the cache is off for the reader
   * (the baseline has no 304 shortcut). It changes with the build, the user, tenant and role,
   * the versions of the context's topics (user, membership, flags) and the resource's.
   */
  resource(req: EtagRequest, resource: Resource<unknown>, representation: Representation) {
    const kind = representation === "page" ? resource.kind : `${representation}-${resource.kind}`;
    return this.#etag(req, kind, resource.id, resource.topics);
  }

  /**
   * The ETag the same representation had for the same reader when the resource's topics were
   * at other versions (`versionOf`; the context's stay current), or null when the cache is off
   * for the reader. Not noted for the memo: nothing is answered with it.
   */
  resourceAt(
    req: EtagRequest,
    resource: Resource<unknown>,
    representation: Representation,
    versionOf: (topic: string) => number,
  ): string | null {
    const kind = representation === "page" ? resource.kind : `${representation}-${resource.kind}`;
    return this.#etag(req, kind, resource.id, resource.topics, versionOf);
  }

  /**
   * The ETag of `GET /api/context`, or null when the cache is off for the reader. It changes
   * with the context's topics (user, membership, flags), as every page's does.
   */
  context(req: EtagRequest): string | null {
    return this.#etag(req, "context", "", []);
  }

  /**
   * The ETag of a representation read straight from the database rather than through the
   * cache, such as the People page's list: from what it shows (its JSON), for the reader
   * (build, user, tenant, role), so it is right whatever changed it — a person renamed in SQL
   * or an invitation that expired bumps no topic of the list. A match still costs the read, so
   * it is not noted for the memo, which answers from versions alone. Null when the cache is
   * off for the reader, as every ETag.
   */
  content(req: EtagRequest, kind: string, body: unknown): string | null {
    const { ctx } = req;
    if (!this.#sources.cachedFor(ctx.tenant.id, ctx.user.id)) return null;
    // `jsonText` remembers the text, so the answer that sends this body does not make it again.
    const shown = jsonText(body);
    return weakEtag([this.#buildId, kind, ctx.user.id, ctx.tenant.id, ctx.role, shown]);
  }

  #etag(
    req: EtagRequest,
    kind: string,
    id: string,
    topics: readonly string[],
    versionOf?: (topic: string) => number,
  ): string | null {
    const { ctx } = req;
    const sources = this.#sources;
    if (!sources.cachedFor(ctx.tenant.id, ctx.user.id)) return null;
    const parts: (string | number)[] = [
      this.#buildId,
      kind,
      id,
      ctx.user.id,
      ctx.tenant.id,
      ctx.role,
    ];
    const contextTopics = sources.contextTopics(ctx.user.id, ctx.tenant.id);
    for (const topic of contextTopics) parts.push(sources.version(topic));
    for (const topic of topics) {
      parts.push(topic, versionOf ? versionOf(topic) : sources.version(topic));
    }
    // The same reader at the same versions asks again and again (every page after each write):
    // a map lookup is cheaper than hashing the parts anew.
    const memoKey = parts.join("\n");
    let etag = this.#computed.get(memoKey);
    if (etag === undefined) {
      etag = weakEtag(parts);
      if (this.#computed.size >= MAX_COMPUTED) this.#computed.clear();
      this.#computed.set(memoKey, etag);
    }
    if (versionOf) return etag;
    // What a remembered 304 rests on: the ETag's topics, and the session's (sign-out).
    const flag = ctx.flags.cache;
    this.#memo?.note(req.request, {
      etag,
      topics: () => [...sources.sessionTopics(ctx.sessionHash), ...contextTopics, ...topics],
      expiresAt: ctx.sessionExpiresAt,
      route: req.route,
      label: flag === true ? "on" : flag === false ? "off" : "none",
    });
    return etag;
  }
}
