import assert from "node:assert/strict";
import { keySlot, SLOT_COUNT } from "./key_slot.ts";

// Each slot as `redis-cli cluster keyslot` answers it (Redis 7.0).
const KNOWN: [string, number][] = [
  ["123456789", 12739],
  ["foo", 12182],
  ["bar", 5061],
  ["hello", 866],
  ["", 0],
  ["{}", 15257],
  ["foo{}{bar}", 8363],
  ["foo{{bar}}zap", 4015],
  ["foo{bar}{zap}", 5061],
  ["{user1000}.following", 3443],
  ["é日本", 1826],
  ["beacon:s1:{t:acme}:x", 9557],
  ["a{b", 13340],
];

Deno.test("keySlot() matches the slots Redis computes", () => {
  for (const [key, slot] of KNOWN) assert.equal(keySlot(key), slot, JSON.stringify(key));
});

Deno.test("keySlot() hashes only the first non-empty hash tag", () => {
  assert.equal(keySlot("a:{t:acme}:x"), keySlot("b:{t:acme}:y{z}"));
  assert.equal(keySlot("foo{bar}{zap}"), keySlot("bar"));
  assert.notEqual(keySlot("foo{}{bar}"), keySlot("bar"));
});

Deno.test("keySlot() stays within the slot range", () => {
  for (let i = 0; i < 2000; i++) {
    const slot = keySlot(`key-${i}`);
    assert.ok(Number.isInteger(slot) && slot >= 0 && slot < SLOT_COUNT);
  }
});
