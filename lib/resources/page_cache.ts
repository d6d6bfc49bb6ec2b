/**
 * Rendered pages kept in this process by reader and ETag, as immutable bytes compressed once
 * (brotli and gzip). An ETag names the build, the user's variant and the versions of everything
 * the page shows, so a page stored under it never goes stale; the reader is part of the key
 * too, so that even two ETags alike (a 64-bit hash can collide) never hand one user another's
 * page. Pages stay in process memory only: they carry personal data that must not reach Redis
 * unencrypted.
 *
 * @module
 */
import { ByteLru } from "../cache/mod.ts";
import { type CompressedBodies, compressForStorage } from "../http/compression.ts";

/** A page as it is sent: the same bytes for every response, in each coding. */
export interface StoredPage extends CompressedBodies {
  /** Compressed bytes held (br + gzip), what the cache is bounded by. */
  readonly bytes: number;
  /** Bytes of the page before compression. */
  readonly identityBytes: number;
}

interface Entry {
  page: StoredPage;
  bytes: number;
  referenced: boolean;
}

/**
 * A byte-bounded LRU of rendered pages, bounded by their compressed bytes.
 *
 * @example
 * ```ts
 * const pages = new HtmlCache({ maxBytes: 1024 * 1024 });
 * const page = await pages.store("user-1", 'W/"x"', () => "<p>Hi</p>");
 * console.log(pages.get("user-1", 'W/"x"') === page); // true
 * ```
 */
export class HtmlCache {
  #lru: ByteLru<Entry>;
  #pending = new Map<string, Promise<StoredPage>>();
  /** Responses answered with a stored page. */
  hits = 0;
  /** Pages rendered and stored. */
  misses = 0;

  /** @param options `maxBytes`: most compressed bytes held. */
  constructor(options: { maxBytes: number }) {
    this.#lru = new ByteLru<Entry>({ maxBytes: options.maxBytes });
  }

  /** Compressed bytes held. */
  get bytes(): number {
    return this.#lru.bytes;
  }

  /** The page stored for `reader` and `etag`, counted as a hit; undefined if none. */
  get(reader: string, etag: string): StoredPage | undefined {
    const page = this.#lru.get(keyOf(reader, etag))?.page;
    if (page) this.hits++;
    return page;
  }

  /** Whether a page is stored for `reader` and `etag` (not counted). */
  has(reader: string, etag: string): boolean {
    return this.#lru.get(keyOf(reader, etag)) !== undefined;
  }

  /**
   * The page stored for `reader` and `etag`, or `render`'s, compressed and stored now.
   * Concurrent calls for one key render and compress once.
   *
   * @param reader Who the page is for (the user id).
   * @param etag The page's ETag.
   * @param render Renders the HTML document.
   * @returns The stored page.
   */
  async store(reader: string, etag: string, render: () => string): Promise<StoredPage> {
    const key = keyOf(reader, etag);
    const known = this.get(reader, etag);
    if (known) return known;
    let pending = this.#pending.get(key);
    if (pending) {
      this.hits++;
      return await pending;
    }
    this.misses++;
    pending = compressPage(render());
    this.#pending.set(key, pending);
    try {
      const page = await pending;
      this.#lru.set(key, { page, bytes: page.bytes, referenced: false });
      return page;
    } finally {
      this.#pending.delete(key);
    }
  }
}

/**
 * Encodes and compresses an HTML document once, for storing.
 *
 * @param html The document.
 * @returns Its br and gzip bodies.
 * @example
 * ```ts
 * const page = await compressPage("<!DOCTYPE html><p>Hi</p>");
 * console.log(page.identityBytes); // 24
 * ```
 */
export async function compressPage(html: string): Promise<StoredPage> {
  const identity = new TextEncoder().encode(html);
  const bodies = await compressForStorage(identity);
  return {
    ...bodies,
    bytes: bodies.br.byteLength + bodies.gzip.byteLength,
    identityBytes: identity.byteLength,
  };
}

function keyOf(reader: string, etag: string): string {
  return `${reader}\n${etag}`;
}
