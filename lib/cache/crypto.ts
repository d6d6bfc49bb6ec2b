/**
 * Field encryption for values stored in L2: AES-256-GCM with a per-tenant key derived by HKDF
 * from a secret (`CACHE_KEY`), a random 96-bit IV per field per write, additional data that
 * binds tenant, cache key and field path, and the key id stored beside the ciphertext so older
 * secrets keep decrypting after a rotation.
 *
 * @module
 */

/** One secret and its id; the highest id encrypts, every listed id decrypts. */
export interface CacheSecret {
  id: number;
  secret: string;
}

/** A sealed field as stored: concrete path, key id, IV and ciphertext (base64). */
export interface SealedField {
  p: (string | number)[];
  k: number;
  iv: string;
  ct: string;
}

/** Where a value lives: the AAD binds both. */
export interface SealContext {
  tenant: string;
  key: string;
}

/** Thrown when a sealed field cannot be opened; the cache treats it as a miss. */
export class DecryptError extends Error {
  /** @param message What failed, naming the field. */
  constructor(message: string) {
    super(message);
    this.name = "DecryptError";
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SALT = encoder.encode("beacon-cache/field/v1");
const MIN_SECRET_LENGTH = 16;

/**
 * Parses `CACHE_KEY`: either one secret (id 1) or `id:secret` entries joined with `,`.
 *
 * @param text The variable's value.
 * @returns The secrets, highest id first.
 * @throws {RangeError} On a short secret, a bad or repeated id.
 * @example
 * ```ts
 * import { parseCacheSecrets } from "./crypto.ts";
 * parseCacheSecrets("2:new-secret-0123456789,1:old-secret-0123456789").map((s) => s.id); // [2, 1]
 * ```
 */
export function parseCacheSecrets(text: string): CacheSecret[] {
  const entries = text.split(",");
  if (!entries.every((entry) => /^\d+:/.test(entry))) {
    return validateSecrets([{ id: 1, secret: text }]);
  }
  return validateSecrets(entries.map((entry) => {
    const at = entry.indexOf(":");
    return { id: Number(entry.slice(0, at)), secret: entry.slice(at + 1) };
  }));
}

function validateSecrets(secrets: readonly CacheSecret[]): CacheSecret[] {
  if (secrets.length === 0) throw new RangeError("Cache secrets must list at least one secret");
  const seen = new Set<number>();
  for (const { id, secret } of secrets) {
    if (!Number.isSafeInteger(id) || id < 1 || id > 65535) {
      throw new RangeError(`Cache secret id must be an integer from 1 to 65535, got ${id}`);
    }
    if (seen.has(id)) throw new RangeError(`Cache secret id ${id} is listed twice`);
    seen.add(id);
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) {
      throw new RangeError(
        `Cache secret ${id} must be at least ${MIN_SECRET_LENGTH} characters long`,
      );
    }
  }
  return [...secrets].sort((a, b) => b.id - a.id);
}

/** Options of {@link FieldCipher}. */
export interface FieldCipherOptions {
  /** Derived keys kept (tenant × key id); the oldest derived go first. Default 10,000. */
  maxDerivedKeys?: number;
}

/**
 * Seals and opens sensitive fields of JSON values, per tenant.
 *
 * @example
 * ```ts
 * import { FieldCipher } from "./crypto.ts";
 * const cipher = new FieldCipher("a-secret-of-at-least-16-chars");
 * const value = { user: { name: "Ada", email: "ada@acme.test" } };
 * const ctx = { tenant: "acme", key: "beacon:s1:{t:acme}:user:u1::" };
 * const sealed = await cipher.seal(value, ["user.email"], ctx); // value.user.email is gone
 * await cipher.open(value, sealed, ctx); // and back
 * ```
 */
export class FieldCipher {
  #secrets: Map<number, Uint8Array>;
  #currentId: number;
  #derived = new Map<string, Promise<CryptoKey>>();
  #maxDerived: number;

  /**
   * @param secrets One secret string (id 1), a `CACHE_KEY` list, or explicit secrets.
   * @param options Derived-key cache bound.
   */
  constructor(secrets: string | readonly CacheSecret[], options: FieldCipherOptions = {}) {
    const list = typeof secrets === "string"
      ? parseCacheSecrets(secrets)
      : validateSecrets(secrets);
    this.#secrets = new Map(list.map((s) => [s.id, encoder.encode(s.secret)]));
    this.#currentId = list[0].id;
    this.#maxDerived = options.maxDerivedKeys ?? 10_000;
  }

  /** The id of the secret that encrypts new writes. */
  get currentKeyId(): number {
    return this.#currentId;
  }

  #tenantKey(tenant: string, id: number): Promise<CryptoKey> | undefined {
    const name = id + "\0" + tenant;
    let key = this.#derived.get(name);
    if (key !== undefined) return key;
    const secret = this.#secrets.get(id);
    if (secret === undefined) return undefined;
    if (this.#derived.size >= this.#maxDerived) {
      this.#derived.delete(this.#derived.keys().next().value!);
    }
    key = deriveTenantKey(secret, tenant);
    this.#derived.set(name, key);
    return key;
  }

  /**
   * Removes the fields at `paths` from `target` (in place) and returns them encrypted.
   * A path crosses arrays element by element; missing paths are skipped.
   *
   * @param target A JSON value the caller owns (it is mutated).
   * @param paths Dotted field paths, e.g. `["user.email"]`.
   * @param ctx Tenant and cache key the value is stored under.
   * @returns The sealed fields to store beside `target`.
   */
  async seal(target: unknown, paths: readonly string[], ctx: SealContext): Promise<SealedField[]> {
    const found: { path: (string | number)[]; value: unknown }[] = [];
    for (const path of paths) collect(target, path.split("."), 0, [], found);
    if (found.length === 0) return [];
    const key = await this.#tenantKey(ctx.tenant, this.#currentId)!;
    return await Promise.all(found.map(async ({ path, value }) => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: aad(ctx, path) },
        key,
        encoder.encode(JSON.stringify(value)),
      );
      return { p: path, k: this.#currentId, iv: iv.toBase64(), ct: new Uint8Array(ct).toBase64() };
    }));
  }

  /**
   * Decrypts `sealed` fields back into `target` (in place).
   *
   * @param target The stored value without its sealed fields.
   * @param sealed The fields {@link seal} returned.
   * @param ctx Tenant and cache key the value was read from.
   * @throws {DecryptError} On an unknown key id, a wrong tenant or key, or tampering.
   */
  async open(target: unknown, sealed: readonly SealedField[], ctx: SealContext): Promise<void> {
    await Promise.all(sealed.map(async (field) => {
      const name = Array.isArray(field.p) ? field.p.join(".") : String(field.p);
      const key = this.#tenantKey(ctx.tenant, field.k);
      if (key === undefined) {
        throw new DecryptError(
          `Cannot decrypt cache field "${name}": key id ${field.k} is unknown`,
        );
      }
      let plain: ArrayBuffer;
      try {
        plain = await crypto.subtle.decrypt(
          {
            name: "AES-GCM",
            iv: Uint8Array.fromBase64(field.iv),
            additionalData: aad(ctx, field.p),
          },
          await key,
          Uint8Array.fromBase64(field.ct),
        );
      } catch {
        throw new DecryptError(
          `Cannot decrypt cache field "${name}": authentication failed for tenant "${ctx.tenant}"`,
        );
      }
      place(target, field.p, JSON.parse(decoder.decode(plain)), name);
    }));
  }
}

async function deriveTenantKey(secret: Uint8Array, tenant: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", secret as BufferSource, "HKDF", false, [
    "deriveKey",
  ]);
  return await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: SALT, info: encoder.encode("tenant\0" + tenant) },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

function aad(ctx: SealContext, path: readonly (string | number)[]): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify(["beacon-cache-field", ctx.tenant, ctx.key, path]));
}

type Found = { path: (string | number)[]; value: unknown };

function collect(
  node: unknown,
  segs: string[],
  at: number,
  path: (string | number)[],
  out: Found[],
) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => collect(item, segs, at, [...path, i], out));
    return;
  }
  if (node === null || typeof node !== "object" || !Object.hasOwn(node, segs[at])) return;
  const record = node as Record<string, unknown>;
  const next = [...path, segs[at]];
  if (at === segs.length - 1) {
    out.push({ path: next, value: record[segs[at]] });
    delete record[segs[at]];
  } else {
    collect(record[segs[at]], segs, at + 1, next, out);
  }
}

function place(target: unknown, path: readonly (string | number)[], value: unknown, name: string) {
  let node = target as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const next = Object.hasOwn(node, path[i]) ? node[path[i]] : undefined;
    if (next === null || typeof next !== "object") {
      throw new DecryptError(`Cannot decrypt cache field "${name}": its parent is missing`);
    }
    node = next as Record<string | number, unknown>;
  }
  // defineProperty, not assignment: a field named "__proto__" must stay a plain field.
  Object.defineProperty(node, path[path.length - 1], {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
