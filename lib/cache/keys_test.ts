import assert from "node:assert/strict";
import {
  cacheKey,
  encodeSegment,
  type KeyParts,
  MAX_SEGMENT_LENGTH,
  tenantPrefix,
} from "./keys.ts";
import { keySlot } from "./key_slot.ts";
import { LEASE_SUFFIX } from "./_lease.ts";
import { seededRandom } from "./_test_support.ts";

const base: KeyParts = {
  namespace: "beacon",
  schema: 1,
  tenant: "acme",
  kind: "dashboard",
  id: "p1",
};

Deno.test("cacheKey() lays out namespace, schema, tenant, kind, id, variant and versions", () => {
  const key = cacheKey({ ...base, variant: "en", versions: { tasks: 7, project: 3 } });
  assert.equal(key.text, "beacon:s1:{t:acme}:dashboard:p1:en:project=3,tasks=7");
  assert.equal(key.tenant, "acme");
});

Deno.test("cacheKey() sorts versions, so insertion order does not matter", () => {
  const a = cacheKey({ ...base, versions: { b: 2, a: 1, c: 3 } });
  const b = cacheKey({ ...base, versions: { c: 3, a: 1, b: 2 } });
  assert.equal(a.text, b.text);
});

Deno.test("cacheKey() gives a new key when any version changes", () => {
  const before = cacheKey({ ...base, versions: { project: 3 } });
  const after = cacheKey({ ...base, versions: { project: 4 } });
  assert.notEqual(before.text, after.text);
});

Deno.test("cacheKey() keeps apart inputs that plain joining would merge", () => {
  const cases: Partial<KeyParts>[] = [
    { id: "a:b", variant: "c" },
    { id: "a", variant: "b:c" },
    { id: "a:b:c" },
    { id: "a", variant: undefined },
    { id: "a", variant: "-" },
    { tenant: "acme:dashboard", kind: "x" },
    { tenant: "acme", kind: "dashboard:x" },
    { id: "*" },
    { id: "%2A" },
    { id: "{acme}" },
    { id: "line\nbreak" },
    { id: "line\rbreak" },
    { id: "a b" },
    { id: "a%20b" },
    { id: "#x" },
    { id: "x".repeat(10_000) },
    { id: "x".repeat(10_001) },
    { id: "é" },
    { id: "e\u0301" },
    { versions: { "a,b": 1 } },
    { versions: { a: 1, b: 1 } },
    { versions: { "a=1,b": 1 } },
    { versions: { a: 11 } },
    { versions: { a1: 1 } },
    { id: "p1", versions: {} },
    { schema: 2 },
    { schema: 12 },
  ];
  const seen = new Map<string, string>();
  for (const c of cases) {
    const input = JSON.stringify({ ...base, ...c });
    const text = cacheKey({ ...base, ...c }).text;
    assert.equal(seen.get(text) ?? input, input, `collision on ${text}`);
    seen.set(text, input);
  }
  assert.equal(seen.size, cases.length);
});

Deno.test("cacheKey() encodes separators, globs, braces and whitespace", () => {
  const text = cacheKey({ ...base, id: "a:b*{c}\n d,=%#?[" }).text;
  assert.match(text, /^beacon:s1:\{t:acme\}:dashboard:[A-Za-z0-9_.%-]+::$/);
});

Deno.test("cacheKey() hashes ids longer than the segment limit", () => {
  const text = cacheKey({ ...base, id: "x".repeat(10 * 1024) }).text;
  const id = text.split(":")[5];
  assert.match(id, /^#[A-Za-z0-9_-]{43}$/);
  assert.ok(text.length < 200);
});

Deno.test("cacheKey() rejects over-long, empty or malformed parts with RangeError", () => {
  assert.throws(
    () => cacheKey({ ...base, tenant: "t".repeat(MAX_SEGMENT_LENGTH + 1) }),
    RangeError,
  );
  assert.throws(() => cacheKey({ ...base, tenant: "" }), RangeError);
  assert.throws(() => cacheKey({ ...base, id: "" }), RangeError);
  assert.throws(() => cacheKey({ ...base, variant: "" }), RangeError);
  assert.throws(() => cacheKey({ ...base, schema: 1.5 }), RangeError);
  assert.throws(() => cacheKey({ ...base, versions: { a: -1 } }), RangeError);
  assert.throws(() => cacheKey({ ...base, versions: { a: Number.NaN } }), RangeError);
  assert.throws(() => cacheKey({ ...base, versions: { "": 1 } }), RangeError);
  assert.throws(() => cacheKey({ ...base, id: "\uD800" }), RangeError);
  assert.throws(() => cacheKey({ ...base, id: "x".repeat(2 ** 20 + 1) }), RangeError);
});

Deno.test("encodeSegment() leaves safe text alone and percent-encodes the rest", () => {
  assert.equal(encodeSegment("p-1_a.b"), "p-1_a.b");
  assert.equal(encodeSegment("a:b"), "a%3Ab");
  assert.equal(encodeSegment("é"), "%C3%A9");
});

Deno.test("tenantPrefix() is a prefix of every key of that tenant only", () => {
  const prefix = tenantPrefix(base);
  assert.ok(cacheKey(base).text.startsWith(prefix));
  assert.ok(!cacheKey({ ...base, tenant: "acme2" }).text.startsWith(prefix));
});

Deno.test("cacheKey() puts the tenant in the key's first hash tag, so its keys share a slot", () => {
  const keys = [
    cacheKey(base),
    cacheKey({ ...base, kind: "context", id: "{x}", variant: "{y}", versions: { "{z}": 1 } }),
    cacheKey({ ...base, schema: 7, id: "x".repeat(10_000) }),
  ].map((key) => key.text);
  keys.push(keys[0] + LEASE_SUFFIX);
  for (const text of keys) {
    assert.equal(text.slice(text.indexOf("{"), text.indexOf("}") + 1), "{t:acme}");
    assert.equal(keySlot("beacon:" + text), keySlot("{t:acme}"));
  }
  const other = cacheKey({ ...base, tenant: "{t:acme}" }).text;
  assert.equal(other.slice(other.indexOf("{"), other.indexOf("}") + 1), "{t:%7Bt%3Aacme%7D}");
});

const ALPHABET = ["a", "b", ":", ",", "=", "%", "#", "*", "{", "}", "\n", " ", "é", "3", "A", "-"];

function randomText(next: () => number, maxLength: number): string {
  const length = 1 + Math.floor(next() * maxLength);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(next() * ALPHABET.length)];
  // Now and then a long one, to cross the hashing threshold.
  return next() < 0.03 ? out.repeat(60) : out;
}

function randomParts(next: () => number): KeyParts {
  const versions: Record<string, number> = {};
  const topics = Math.floor(next() * 3);
  for (let i = 0; i < topics; i++) versions[randomText(next, 3)] = Math.floor(next() * 3);
  return {
    namespace: randomText(next, 2),
    schema: Math.floor(next() * 3),
    tenant: randomText(next, 3),
    kind: randomText(next, 2),
    id: randomText(next, 4),
    variant: next() < 0.5 ? undefined : randomText(next, 2),
    versions,
  };
}

function canonical(parts: KeyParts): string {
  const versions = Object.entries(parts.versions ?? {}).sort(([a], [b]) => a < b ? -1 : 1);
  return JSON.stringify([
    parts.namespace,
    parts.schema,
    parts.tenant,
    parts.kind,
    parts.id,
    parts.variant ?? null,
    versions,
  ]);
}

Deno.test("cacheKey() is injective over 50,000 random segment tuples (seeded)", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const next = seededRandom(seed);
    const seen = new Map<string, string>();
    for (let i = 0; i < 10_000; i++) {
      const parts = randomParts(next);
      let text: string;
      try {
        text = cacheKey(parts).text;
      } catch (error) {
        // Only over-long identifiers may be refused.
        assert.ok(error instanceof RangeError, String(error));
        continue;
      }
      const input = canonical(parts);
      const earlier = seen.get(text);
      assert.ok(
        earlier === undefined || earlier === input,
        `seed ${seed}: ${earlier} and ${input} share ${text}`,
      );
      seen.set(text, input);
    }
    assert.ok(seen.size > 5_000, `seed ${seed}: only ${seen.size} distinct tuples`);
  }
});
