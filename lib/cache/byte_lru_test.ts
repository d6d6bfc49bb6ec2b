import assert from "node:assert/strict";
import { ByteLru } from "./byte_lru.ts";

function entry(bytes: number) {
  return { bytes, referenced: false };
}

Deno.test("ByteLru stays within its byte bound", () => {
  let evicted = 0;
  const lru = new ByteLru({ maxBytes: 1000, onEvict: () => evicted++ });
  for (let i = 0; i < 100; i++) lru.set(`k${i}`, entry(100));
  assert.ok(lru.bytes <= 1000);
  assert.equal(lru.size, 10);
  assert.equal(evicted, 90);
});

Deno.test("ByteLru evicts entries not used since they were stored first", () => {
  const lru = new ByteLru({ maxBytes: 300 });
  lru.set("a", entry(100));
  lru.set("b", entry(100));
  lru.set("c", entry(100));
  lru.get("a");
  lru.set("d", entry(100));
  assert.ok(lru.get("a") !== undefined);
  assert.equal(lru.get("b"), undefined);
});

Deno.test("ByteLru does not keep an entry larger than the bound", () => {
  const lru = new ByteLru({ maxBytes: 100 });
  lru.set("small", entry(10));
  assert.equal(lru.set("huge", entry(101)), false);
  assert.equal(lru.get("huge"), undefined);
  assert.ok(lru.get("small") !== undefined);
});

Deno.test("ByteLru accounts bytes on overwrite, delete and clear", () => {
  const lru = new ByteLru({ maxBytes: 1000 });
  lru.set("a", entry(100));
  lru.set("a", entry(300));
  assert.equal(lru.bytes, 300);
  lru.delete("a");
  assert.equal(lru.bytes, 0);
  lru.set("b", entry(10));
  lru.clear();
  assert.deepEqual([lru.bytes, lru.size], [0, 0]);
});

Deno.test("ByteLru with a zero bound keeps nothing", () => {
  const lru = new ByteLru({ maxBytes: 0 });
  assert.equal(lru.set("a", entry(1)), false);
  assert.equal(lru.size, 0);
});
