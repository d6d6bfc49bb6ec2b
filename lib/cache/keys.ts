/**
 * Cache keys: one string per distinct (namespace, schema, tenant, kind, id, variant, versions).
 *
 * Layout: `ns:s<schema>:{t:<tenant>}:<kind>:<id>:<variant>:<versions>` where every text segment
 * is encoded with {@link encodeSegment} (so it never contains `:`, `,`, `=`, `*`, `{`, `}`,
 * whitespace or `%`-ambiguities), an absent variant is the empty segment, and versions are
 * `topic=N` pairs sorted by topic and joined with `,`. Because no encoded segment contains the
 * separators, a key splits back into exactly one tuple: the encoding is injective.
 *
 * The tenant sits in a Redis Cluster hash tag, `{t:<tenant>}`: it is the first `{` of the key,
 * so every key of a tenant, and every lease named after one (`<key>!lease`), hashes to one
 * slot. A store prefix in front of the key must hold no `{` for this to stay true.
 *
 * Long segments: namespace, tenant and kind are identifiers and must encode to at most
 * {@link MAX_SEGMENT_LENGTH} characters (else `RangeError`); ids, variants and topics that
 * encode longer are replaced by `#` + base64url(SHA-256(raw)), a form an encoded segment can
 * never take (`#` is always percent-encoded), so they collide only if SHA-256 does.
 *
 * @module
 */
import { createHash } from "node:crypto";

/** Longest encoded segment kept as is; longer ids, variants and topics are hashed. */
export const MAX_SEGMENT_LENGTH = 128;

/** Longest raw id or variant accepted at all (characters); longer input is a `RangeError`. */
export const MAX_RAW_LENGTH = 1 << 20;

/** The parts a cache key is built from. */
export interface KeyParts {
  /** Application namespace, e.g. `"beacon"`. */
  namespace: string;
  /** Schema version of the cached shape; bump it when the value's shape changes. */
  schema: number;
  /** Tenant the value belongs to; every key is scoped by it. */
  tenant: string;
  /** What kind of value, e.g. `"dashboard"`. */
  kind: string;
  /** Which one, e.g. a project id. */
  id: string;
  /** Optional variant, e.g. a locale or a role-specific rendering. */
  variant?: string;
  /** Versions of the topics the value was built from. */
  versions?: Readonly<Record<string, number>>;
}

/** A built key: its text (the store key) and the tenant it is scoped to. */
export interface CacheKey {
  /** The encoded key, unique for its parts. */
  readonly text: string;
  /** The tenant, kept for per-tenant encryption keys and counters. */
  readonly tenant: string;
}

const SAFE = /^[A-Za-z0-9_.-]*$/;
const encoder = new TextEncoder();

/**
 * Percent-encodes every UTF-8 byte outside `[A-Za-z0-9_.-]`.
 *
 * @param raw The segment text; must be well-formed UTF-16.
 * @returns The encoded segment.
 * @throws {RangeError} If `raw` holds a lone surrogate (two inputs would encode alike).
 * @example
 * ```ts
 * import { encodeSegment } from "./keys.ts";
 * encodeSegment("a:b"); // "a%3Ab"
 * ```
 */
export function encodeSegment(raw: string): string {
  if (SAFE.test(raw)) return raw;
  if (!raw.isWellFormed()) {
    throw new RangeError("Cannot encode cache key segment: it holds a lone surrogate");
  }
  let out = "";
  for (const byte of encoder.encode(raw)) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && SAFE.test(c) ? c : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function hashSegment(raw: string): string {
  return "#" + createHash("sha256").update(raw).digest("base64url");
}

function identifier(name: string, raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0) {
    throw new RangeError(`Cannot build cache key: "${name}" must be a non-empty string`);
  }
  const encoded = encodeSegment(raw);
  if (encoded.length > MAX_SEGMENT_LENGTH) {
    throw new RangeError(
      `Cannot build cache key: "${name}" encodes to ${encoded.length} characters, more than ${MAX_SEGMENT_LENGTH}`,
    );
  }
  return encoded;
}

function hashable(name: string, raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0) {
    throw new RangeError(`Cannot build cache key: "${name}" must be a non-empty string`);
  }
  if (raw.length > MAX_RAW_LENGTH) {
    throw new RangeError(
      `Cannot build cache key: "${name}" is ${raw.length} characters, more than ${MAX_RAW_LENGTH}`,
    );
  }
  if (raw.length > MAX_SEGMENT_LENGTH) return hashSegment(raw);
  const encoded = encodeSegment(raw);
  return encoded.length > MAX_SEGMENT_LENGTH ? hashSegment(raw) : encoded;
}

/**
 * Encodes a versions record as sorted `topic=N` pairs joined with `,`.
 *
 * @param versions Topic → version; versions are non-negative safe integers.
 * @returns The encoded versions segment (empty for no versions).
 * @throws {RangeError} On an empty topic or a version that is not a non-negative safe integer.
 * @example
 * ```ts
 * import { encodeVersions } from "./keys.ts";
 * encodeVersions({ tasks: 7, project: 3 }); // "project=3,tasks=7"
 * ```
 */
export function encodeVersions(versions: Readonly<Record<string, number>> = {}): string {
  const topics = Object.keys(versions).sort();
  let out = "";
  for (const topic of topics) {
    const version = versions[topic];
    if (!Number.isSafeInteger(version) || version < 0) {
      throw new RangeError(
        `Cannot build cache key: version of topic "${topic}" must be a non-negative safe integer, got ${version}`,
      );
    }
    out += (out === "" ? "" : ",") + hashable("topic", topic) + "=" + version;
  }
  return out;
}

/**
 * Builds the cache key for a value from its parts.
 *
 * @param parts Namespace, schema, tenant, kind, id, optional variant and versions.
 * @returns The key, whose `text` is unique for the parts.
 * @throws {RangeError} On an empty or over-long identifier, a bad schema or version number.
 * @example
 * ```ts
 * import { cacheKey } from "./keys.ts";
 * const key = cacheKey({
 *   namespace: "beacon", schema: 1, tenant: "acme", kind: "dashboard", id: "p1",
 *   versions: { project: 3, tasks: 7 },
 * });
 * key.text; // "beacon:s1:{t:acme}:dashboard:p1::project=3,tasks=7"
 * ```
 */
export function cacheKey(parts: KeyParts): CacheKey {
  const { schema } = parts;
  if (!Number.isSafeInteger(schema) || schema < 0) {
    throw new RangeError(
      `Cannot build cache key: "schema" must be a non-negative safe integer, got ${schema}`,
    );
  }
  const variant = parts.variant === undefined ? "" : hashable("variant", parts.variant);
  const text = tenantPrefix(parts) + identifier("kind", parts.kind) + ":" +
    hashable("id", parts.id) + ":" + variant + ":" + encodeVersions(parts.versions);
  return { text, tenant: parts.tenant };
}

/**
 * The prefix shared by every key of one tenant in one namespace and schema, for scans.
 *
 * @param parts Namespace, schema and tenant.
 * @returns The prefix, ending with the tenant's hash tag and `:`.
 * @example
 * ```ts
 * import { tenantPrefix } from "./keys.ts";
 * tenantPrefix({ namespace: "beacon", schema: 1, tenant: "acme" }); // "beacon:s1:{t:acme}:"
 * ```
 */
export function tenantPrefix(parts: Pick<KeyParts, "namespace" | "schema" | "tenant">): string {
  return identifier("namespace", parts.namespace) + ":s" + parts.schema + ":{t:" +
    identifier("tenant", parts.tenant) + "}:";
}
