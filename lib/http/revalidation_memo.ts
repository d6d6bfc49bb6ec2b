/**
 * Answers repeated requests in front of the router. When the app has answered a session's
 * conditional `GET` of a path with a 304, the memo keeps what that answer rested on: the ETag,
 * the versions of every topic the ETag was built from (the session's own topic, the user's,
 * the membership's, the tenant's, the flags' and the resource's), the session's expiry and the
 * 304's headers. The next `If-None-Match` for that session and path is answered from memory —
 * no router, no middleware, no lookup — while every one of those versions is unchanged and the
 * session has not expired. Any bump (a write, a sign-out, a role or flag change) makes the
 * entry stale, and the request takes the full path again, which checks everything afresh.
 *
 * A stored page is remembered the same way: when the full path answered a `GET` with a page
 * it kept ({@linkcode RevalidationMemo.keepBody}), the next unconditional `GET` of that path
 * by that session gets the same bytes and headers from memory while nothing the ETag rests on
 * changed and the page is still kept.
 *
 * An entry is keyed by method, path, session token and `Accept-Encoding` (which selects the
 * coding, and so the ETag, of the answer), so it never answers for another session or coding;
 * it is made only from an answer the full path gave, so it never answers what that path would
 * not.
 *
 * @module
 */
import { opaqueTag, parseIfNoneMatch } from "./if_none_match.ts";
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
  /** The answer's headers; a `Response` copies them, so one object serves every answer. */
  headers: Headers;
  /** The ETag the answer carried (its coding's). */
  sent: string;
  /** The last `If-None-Match` that matched, so a repeat skips parsing it. */
  held: string;
}

/** A remembered 200: its headers, and where its bytes are kept. */
interface BodyEntry extends Entry {
  body: () => BodyInit | null;
}

/** A stored body the full path answered with, to answer with again. */
interface KeptBody {
  /** The ETag the response carries. */
  etag: string;
  /** The bytes, or null once they are no longer kept. */
  body: () => BodyInit | null;
}

/** A request the full path is answering, and the ETags it computed. */
interface Pending {
  key: string;
  bases: Basis[];
  kept?: KeptBody;
}

/** Options of {@linkcode RevalidationMemo}. */
export interface RevalidationMemoOptions {
  /** The current version of a topic (the bus's map in memory). */
  version(topic: string): number;
  /** Told of each answer from memory, so it is counted as the full path counts it. */
  onAnswer?(method: string, route: string, label: string, seconds: number, status: number): void;
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
  #bodies = new Map<string, BodyEntry>();
  #pending = new WeakMap<Request, Pending>();
  /** 304s answered from the memo. */
  answered = 0;
  /** 200s answered from the memo. */
  replayed = 0;

  constructor(options: RevalidationMemoOptions) {
    this.#version = options.version;
    this.#onAnswer = options.onAnswer;
    this.#max = options.maxEntries ?? 10_000;
  }

  /** How many entries are kept (304s and 200s). */
  get size(): number {
    return this.#entries.size + this.#bodies.size;
  }

  /**
   * Wraps the app's handler: a conditional `GET` or `HEAD` the memo can answer gets its 304
   * at once, a `GET` of a kept page its 200; any other request goes to `handler`, and a 304
   * or kept 200 it gives is remembered.
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
      // Unchecked: an entry exists only for a token the full path accepted.
      const token = sessionCookieValue(headers.get("cookie"));
      if (token === null) return handler(request, info);
      const held = headers.get("if-none-match");
      if (held === null && method !== "GET") return handler(request, info);
      const key = `${method} ${pathOf(request.url)} ${token} ${
        headers.get("accept-encoding") ?? ""
      }`;
      const answer = held === null ? this.#replay(key) : this.#answer(key, held, method);
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

  /**
   * Notes that the full path is answering this request with a body it keeps, under `etag`
   * (the ETag the response carries), so a repeat can get the same bytes while `body` still has
   * them. Does nothing for requests the memo does not follow.
   *
   * @param request The request being answered (Hono's `c.req.raw`).
   * @param kept The response's ETag, and the kept bytes (null once no longer kept).
   */
  keepBody(request: Request, kept: KeptBody): void {
    const pending = this.#pending.get(request);
    if (pending) pending.kept = kept;
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
      // Only the tag this answer carried: another coding's tag takes the full path.
      if (!parseIfNoneMatch(held)?.tags.includes(opaqueTag(entry.sent))) return null;
      entry.held = held;
    }
    const response = new Response(null, { status: 304, headers: entry.headers });
    this.answered++;
    this.#onAnswer?.(method, entry.route, entry.label, (performance.now() - started) / 1000, 304);
    return response;
  }

  #replay(key: string): Response | null {
    const started = performance.now();
    const entry = this.#bodies.get(key);
    if (entry === undefined) return null;
    const body = this.#current(entry) ? entry.body() : null;
    if (body === null) {
      this.#bodies.delete(key);
      return null;
    }
    const response = new Response(body, { status: 200, headers: entry.headers });
    this.replayed++;
    this.#onAnswer?.("GET", entry.route, entry.label, (performance.now() - started) / 1000, 200);
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
    const status = response.status;
    const kept = pending.kept;
    // A 200 is answered again only to a GET (a HEAD gets no body).
    const body = status === 200 && kept !== undefined && pending.key.startsWith("GET ");
    if (status !== 304 && !body) return response;
    const sent = response.headers.get("etag");
    if (sent === null || (status === 200 && sent !== kept!.etag)) return response;
    if (response.headers.has("set-cookie")) return response;
    const basis = pending.bases.find((b) => sameRepresentation(b.etag, sent));
    if (!basis) return response;
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    const entry: Entry = { ...basis, headers, sent, held: "" };
    // Bumped while the full path ran: remembering it would only be thrown away.
    if (!this.#current(entry)) return response;
    if (status === 304) store(this.#entries, pending.key, entry, this.#max);
    else store(this.#bodies, pending.key, { ...entry, body: kept!.body }, this.#max);
    return response;
  }
}

function store<E>(entries: Map<string, E>, key: string, entry: E, max: number): void {
  entries.delete(key);
  if (entries.size >= max) entries.delete(entries.keys().next().value!);
  entries.set(key, entry);
}

/** Whether `sent` is the tag `base` in some coding: itself, `-br` or `-gzip` (`codedEtag()`). */
function sameRepresentation(base: string, sent: string): boolean {
  if (sent === base) return true;
  const stem = base.slice(0, -1);
  return sent === `${stem}-br"` || sent === `${stem}-gzip"`;
}

/** The path and query of an absolute URL, without parsing it. */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  return start === -1 ? "/" : url.slice(start);
}
