/**
 * `REDIS_URL` as a list: one `redis://` URL is a single Redis; several, comma-separated, are the
 * root nodes of a Redis Cluster (any reachable one is enough to discover the rest).
 *
 * @module
 */

/** Hides a URL's password, for messages. */
function redact(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/i, "$1***@");
}

function fail(value: string, reason: string): never {
  throw new TypeError(`Cannot use REDIS_URL "${redact(value)}": ${reason}`);
}

/**
 * Splits and checks a `REDIS_URL` value: each comma-separated entry must be a `redis://` or
 * `rediss://` URL with a host. Several entries (Redis Cluster) must share the scheme and the
 * credentials and name no database but 0. Passwords never appear in the error message.
 *
 * @param value The configured text, e.g. `redis://10.0.0.1:6379,redis://10.0.0.2:6379`.
 * @returns The URLs, trimmed; more than one means Redis Cluster.
 * @throws {TypeError} With one line naming the entry and what is wrong with it.
 * @example
 * ```ts
 * import { parseRedisUrls } from "./redis_urls.ts";
 * parseRedisUrls("redis://127.0.0.1:7000, redis://127.0.0.1:7001").length; // 2
 * try {
 *   parseRedisUrls("http://x");
 * } catch (error) {
 *   console.error((error as Error).message); // Cannot use REDIS_URL "http://x": expected ...
 * }
 * ```
 */
export function parseRedisUrls(value: string): string[] {
  const entries = value.split(",").map((entry) => entry.trim());
  if (entries.some((entry) => entry === "")) {
    fail(value, "expected redis:// URLs separated by commas, found an empty entry");
  }
  const parsed = entries.map((entry) => {
    const url = URL.canParse(entry) ? new URL(entry) : undefined;
    if (url === undefined || !/^rediss?:$/.test(url.protocol) || url.hostname === "") {
      fail(entry, "expected redis:// or rediss:// URLs");
    }
    return url;
  });
  if (parsed.length > 1) {
    const first = parsed[0];
    for (const [i, url] of parsed.entries()) {
      if (url.protocol !== first.protocol) fail(entries[i], "mixes redis:// and rediss://");
      if (url.username !== first.username || url.password !== first.password) {
        fail(entries[i], "Redis Cluster nodes must share one user and password");
      }
      if (url.pathname !== "" && url.pathname !== "/" && url.pathname !== "/0") {
        fail(entries[i], "Redis Cluster has only database 0");
      }
    }
  }
  return entries;
}
