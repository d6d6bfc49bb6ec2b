/**
 * Answers repeated revalidations in front of the router. When the app has answered a session's
 * conditional `GET` of a path with a 304, the memo keeps what that answer rested on: the ETag,
 * the versions of every topic the ETag was built from (the session's own topic, the user's,
 * the membership's, the tenant's, the flags' and the resource's), the session's expiry and the
 * 304's headers. The next `If-None-Match` for that session and path is answered from memory —
 * no router, no middleware, no lookup — while every one of those versions is unchanged and the
 * session has not expired. Any bump (a write, a sign-out, a role or flag change) makes the
 * entry stale, and the request takes the full path again, which checks everything afresh.
 *
 * An entry is keyed by method, path and session token, so it never answers for another
 * session; it is made only from a 304 the full path gave, so it never answers what that path
 * would not.
 *
 * @module
 */
import { ifNoneMatchHits } from "./if_none_match.ts";
import { sessionCookieValue } from "./session.ts";

/** What an ETag rests on, as the full path notes it while it computes the ETag. */
export interface MemoNote {
  /** The ETag just computed. */
  etag: string;
  /** Every topic whose version the ETag was built from; called only for followed requests. */
  topics(): readonly string[];
  /** When the session expires, ms since the epoch: no answer from memory after it. */
  expiresAt: number;
  /** The route pattern, for counting answers. */
  route: string;
  /** A label counted with each answer (the request's canary cohort). */
  label: string;
}

/** The versions an ETag was built from. */
interface Basis extends Omit<MemoNote, "topics"> {
  topics: readonly string[];
  versions: number[];
}

interface Entry extends Basis {
  /** The 304's headers; a `Response` copies them, so one object serves every answer. */
  headers: Headers;
  /** The last `If-None-Match` that matched, so a repeat skips parsing it. */
  held: string;
}

/** A request the full path is answering, and the ETags it computed. */
interface Pending {
  key: string;
  bases: Basis[];
}

/** Options of {@linkcode RevalidationMemo}. */
export interface RevalidationMemoOptions {
  /** The current version of a topic (the bus's map in memory). */
  version(topic: string): number;
  /** Told of each 304 answered from memory, so it is counted as the full path counts it. */
  onAnswer?(method: string, route: string, label: string, seconds: number): void;
  /** The most entries kept; the oldest go first. Default 10 000. */
  maxEntries?: number;
}

/** A fetch handler, as `Deno.serve` and Hono's `app.fetch` have it. */
export type FetchHandler = (
  request: Request,
  info?: Deno.ServeHandlerInfo,
) => Response | Promise<Response>;

/** Remembered 304s, answered again while nothing they rest on has changed. */
export class RevalidationMemo {
  #version: (topic: string) => number;
  #onAnswer: RevalidationMemoOptions["onAnswer"];
  #max: number;
  #entries = new Map<string, Entry>();
  #pending = new WeakMap<Request, Pending>();
  /** 304s answered from the memo. */
  answered = 0;

  constructor(options: RevalidationMemoOptions) {
    this.#version = options.version;
    this.#onAnswer = options.onAnswer;
    this.#max = options.maxEntries ?? 10_000;
  }

  /** How many entries are kept. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Wraps the app's handler: a conditional `GET` or `HEAD` the memo can answer gets its 304
   * at once; any other request goes to `handler`, and a 304 it gives is remembered.
   *
   * @example
   * ```ts ignore
   * Deno.serve(deps.revalidations.wrap(app.fetch));
   * ```
   */
  wrap(handler: FetchHandler): FetchHandler {
    return (request, info) => {
      const method = request.method;
      if (method !== "GET" && method !== "HEAD") return handler(request, info);
      const headers = request.headers;
      const held = headers.get("if-none-match");
      if (held === null) return handler(request, info);
      // Unchecked: an entry exists only for a token the full path accepted.
      const token = sessionCookieValue(headers.get("cookie"));
      if (token === null) return handler(request, info);
      const key = `${method} ${pathOf(request.url)} ${token}`;
      const answer = this.#answer(key, held, method);
      if (answer) return answer;
      const pending: Pending = { key, bases: [] };
      this.#pending.set(request, pending);
      const response = handler(request, info);
      return response instanceof Promise
        ? response.then((res) => this.#remember(pending, res))
        : this.#remember(pending, response);
    };
  }

  /**
   * Notes the topics an ETag of this request was just built from, and their versions now, in
   * case the request is answered with a 304 carrying it. Call it right after computing the
   * ETag, with no `await` between, so the versions are the ETag's. Does nothing (and does not
   * call `note.topics`) for requests the memo does not follow.
   *
   * @param request The request being answered (Hono's `c.req.raw`).
   * @param note The ETag and what it rests on.
   */
  note(request: Request, note: MemoNote): void {
    const pending = this.#pending.get(request);
    if (!pending) return;
    const topics = note.topics();
    pending.bases.push({
      etag: note.etag,
      topics,
      versions: topics.map((topic) => this.#version(topic)),
      expiresAt: note.expiresAt,
      route: note.route,
      label: note.label,
    });
  }

  #answer(key: string, held: string, method: string): Response | null {
    const started = performance.now();
    const entry = this.#entries.get(key);
    if (entry === undefined) return null;
    if (!this.#current(entry)) {
      this.#entries.delete(key);
      return null;
    }
    if (held !== entry.held) {
      if (!ifNoneMatchHits(held, entry.etag)) return null;
      entry.held = held;
    }
    const response = new Response(null, { status: 304, headers: entry.headers });
    this.answered++;
    this.#onAnswer?.(method, entry.route, entry.label, (performance.now() - started) / 1000);
    return response;
  }

  #current(entry: Entry): boolean {
    if (Date.now() >= entry.expiresAt) return false;
    const { topics, versions } = entry;
    for (let i = 0; i < topics.length; i++) {
      if (this.#version(topics[i]) !== versions[i]) return false;
    }
    return true;
  }

  #remember(pending: Pending, response: Response): Response {
    if (response.status !== 304) return response;
    const etag = response.headers.get("etag");
    const basis = pending.bases.find((b) => b.etag === etag);
    if (!basis) return response;
    const entry: Entry = { ...basis, headers: new Headers(response.headers), held: "" };
    // Bumped while the full path ran: remembering it would only be thrown away.
    if (!this.#current(entry)) return response;
    this.#entries.delete(pending.key);
    if (this.#entries.size >= this.#max) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(pending.key, entry);
    return response;
  }
}

/** The path and query of an absolute URL, without parsing it. */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  return start === -1 ? "/" : url.slice(start);
}
