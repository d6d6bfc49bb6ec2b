/**
 * Rendered pages kept in this process by reader and ETag. An ETag names the build, the user's
 * variant and the versions of everything the page shows, so a page stored under it never goes
 * stale; the reader is part of the key too, so that even two ETags alike (a 64-bit hash can
 * collide) never hand one user another's page. Pages stay in process memory only: they carry
 * personal data that must not reach Redis unencrypted.
 *
 * @module
 */
import { ByteLru } from "../cache/mod.ts";

/** Stands in for the per-response CSP nonce in a stored page. */
export const NONCE_PLACEHOLDER = "__beacon_nonce__";

interface Entry {
  html: string;
  bytes: number;
  referenced: boolean;
}

/**
 * A byte-bounded LRU of rendered pages.
 *
 * @example
 * ```ts
 * const pages = new HtmlCache({ maxBytes: 1024 * 1024 });
 * const html = pages.render("user-1", 'W/"x"', "n0nce", (nonce) => `<script nonce="${nonce}">`);
 * console.log(html); // <script nonce="n0nce">
 * ```
 */
export class HtmlCache {
  #lru: ByteLru<Entry>;
  hits = 0;
  misses = 0;

  /** @param options `maxBytes`: most bytes of HTML held. */
  constructor(options: { maxBytes: number }) {
    this.#lru = new ByteLru<Entry>({ maxBytes: options.maxBytes });
  }

  /** The page stored for `reader` and `etag` (or `render`'s, stored now) with `nonce` filled in. */
  render(
    reader: string,
    etag: string,
    nonce: string | undefined,
    render: (nonce: string) => string,
  ): string {
    const key = `${reader}\n${etag}`;
    let entry = this.#lru.get(key);
    if (entry) this.hits++;
    else {
      this.misses++;
      const html = render(NONCE_PLACEHOLDER);
      entry = { html, bytes: html.length * 2, referenced: false };
      this.#lru.set(key, entry);
    }
    return entry.html.replaceAll(NONCE_PLACEHOLDER, nonce ?? "");
  }

  /** Whether a page is stored for `reader` and `etag`. */
  has(reader: string, etag: string): boolean {
    return this.#lru.get(`${reader}\n${etag}`) !== undefined;
  }
}
