import assert from "node:assert/strict";
import { ifNoneMatchHits, opaqueTag, parseIfNoneMatch } from "./if_none_match.ts";

Deno.test("parseIfNoneMatch() reads weak and strong tags, lists and whitespace", () => {
  assert.deepEqual(parseIfNoneMatch('"a"'), { any: false, tags: ["a"] });
  assert.deepEqual(parseIfNoneMatch(' W/"a" ,\t"b",W/"c"  '), {
    any: false,
    tags: ["a", "b", "c"],
  });
  assert.deepEqual(parseIfNoneMatch('"", ,, "x"'), { any: false, tags: ["", "x"] });
});

Deno.test("parseIfNoneMatch() joins repeated fields into one list", () => {
  assert.deepEqual(parseIfNoneMatch(['"a", W/"b"', '"c"']), { any: false, tags: ["a", "b", "c"] });
});

Deno.test("parseIfNoneMatch() reads * as any", () => {
  assert.deepEqual(parseIfNoneMatch("*"), { any: true, tags: [] });
  assert.deepEqual(parseIfNoneMatch(" * "), { any: true, tags: [] });
});

Deno.test("parseIfNoneMatch() keeps commas and obs-text inside quoted tags", () => {
  assert.deepEqual(parseIfNoneMatch('"a,b", W/"c,d,", "\xe9"'), {
    any: false,
    tags: ["a,b", "c,d,", "\xe9"],
  });
  assert.deepEqual(parseIfNoneMatch('W/"x,y,z"'), { any: false, tags: ["x,y,z"] });
});

Deno.test("parseIfNoneMatch() skips malformed members and never throws", () => {
  assert.deepEqual(parseIfNoneMatch('abc, "ok"'), { any: false, tags: ["ok"] });
  assert.deepEqual(parseIfNoneMatch('"a b", "ok"'), { any: false, tags: ["ok"] });
  assert.deepEqual(parseIfNoneMatch('"a"junk, "ok"'), { any: false, tags: ["ok"] });
  assert.deepEqual(parseIfNoneMatch('w/"lower", W/ "gap", "ok"'), { any: false, tags: ["ok"] });
  assert.deepEqual(parseIfNoneMatch('*x, "ok"'), { any: false, tags: ["ok"] });
  for (const junk of ['"unterminated', "W/", '"', "\u0000", ",,,", "", '"a"b"c"', 'W/W/"a"']) {
    assert.equal(parseIfNoneMatch(junk), null, junk);
  }
});

Deno.test("parseIfNoneMatch() answers null when the field is absent", () => {
  assert.equal(parseIfNoneMatch(null), null);
  assert.equal(parseIfNoneMatch(undefined), null);
  assert.equal(parseIfNoneMatch([]), null);
});

Deno.test("opaqueTag() strips W/ and quotes and refuses what is not an entity tag", () => {
  assert.equal(opaqueTag('W/"abc"'), "abc");
  assert.equal(opaqueTag('"a,b"'), "a,b");
  for (const bad of ["abc", '"abc', 'W/"a"b"', 'W/"a b"', ""]) {
    assert.throws(() => opaqueTag(bad), TypeError, bad);
  }
});

Deno.test("ifNoneMatchHits() lets * match only a resource known to exist", () => {
  assert.equal(ifNoneMatchHits("*", 'W/"a"'), true);
  assert.equal(ifNoneMatchHits("*", 'W/"a"', { exists: false }), false);
  assert.equal(ifNoneMatchHits('W/"a"', 'W/"a"', { exists: false }), true);
});

Deno.test('ifNoneMatchHits() compares weakly: W/"a" and "a" match both ways', () => {
  assert.equal(ifNoneMatchHits('W/"a"', '"a"'), true);
  assert.equal(ifNoneMatchHits('"a"', 'W/"a"'), true);
  assert.equal(ifNoneMatchHits('W/"a"', 'W/"a"'), true);
  assert.equal(ifNoneMatchHits('"A"', '"a"'), false);
  assert.equal(ifNoneMatchHits('"b", "c"', '"a"'), false);
});

Deno.test("ifNoneMatchHits() finds the tag anywhere in a list or repeated fields", () => {
  assert.equal(ifNoneMatchHits('"x", W/"y", "a"', 'W/"a"'), true);
  assert.equal(ifNoneMatchHits(['"x"', 'W/"a"'], 'W/"a"'), true);
  assert.equal(ifNoneMatchHits('"a,b"', 'W/"a,b"'), true);
  assert.equal(ifNoneMatchHits('"a,b"', 'W/"a"'), false);
});

Deno.test("ifNoneMatchHits() matches * and never matches an absent or malformed field", () => {
  assert.equal(ifNoneMatchHits("*", 'W/"a"'), true);
  assert.equal(ifNoneMatchHits(null, 'W/"a"'), false);
  assert.equal(ifNoneMatchHits("a", 'W/"a"'), false);
  assert.equal(ifNoneMatchHits('W/"a', 'W/"a"'), false);
});

Deno.test("ifNoneMatchHits() tolerates the -gzip and -br suffixes proxies add", () => {
  assert.equal(ifNoneMatchHits('"a-gzip"', 'W/"a"'), true);
  assert.equal(ifNoneMatchHits('W/"a-br"', 'W/"a"'), true);
  assert.equal(ifNoneMatchHits('"a-deflate"', 'W/"a"'), false);
  assert.equal(ifNoneMatchHits('"a"', 'W/"a-gzip"'), false);
});
