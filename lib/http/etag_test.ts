import assert from "node:assert/strict";
import { weakEtag } from "./etag.ts";

/** FNV-1a 64 with BigInt over UTF-8 bytes: slow, obviously right. */
function referenceFnv(bytes: Uint8Array): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of bytes) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h;
}

function referenceEtag(parts: (string | number)[]): string {
  const framed = parts.map((p) => {
    const text = String(p);
    return `${typeof p === "number" ? "n" : "s"}${text.length}:${text}`;
  }).join("");
  const hex = referenceFnv(new TextEncoder().encode(framed)).toString(16).padStart(16, "0");
  const bytes = Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
  const b64 = btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
  return `W/"${b64.replace(/=+$/, "")}"`;
}

Deno.test("weakEtag() is FNV-1a 64 of the framed parts in base64url", () => {
  for (
    const parts of [
      [],
      ["build-1", "user-1", "owner", 3, 41],
      ["é", "日本", "😀", -0, 1.5],
      ["a,b", 'quote"'],
    ]
  ) {
    assert.equal(weakEtag(parts), referenceEtag(parts.map((p) => Object.is(p, -0) ? 0 : p)));
  }
});

Deno.test("weakEtag() is stable and tells part boundaries and kinds apart", () => {
  assert.equal(weakEtag(["a", 1]), weakEtag(["a", 1]));
  assert.match(weakEtag(["x"]), /^W\/"[A-Za-z0-9_-]{11}"$/);
  assert.notEqual(weakEtag(["a,b"]), weakEtag(["a", "b"]));
  assert.notEqual(weakEtag(["ab", "c"]), weakEtag(["a", "bc"]));
  assert.notEqual(weakEtag([1]), weakEtag(["1"]));
  assert.notEqual(weakEtag(["v", 1]), weakEtag(["v", 2]));
});

Deno.test("weakEtag() refuses numbers that are not finite", () => {
  assert.throws(() => weakEtag([NaN]), RangeError);
  assert.throws(() => weakEtag([Infinity]), /numbers must be finite/);
});
