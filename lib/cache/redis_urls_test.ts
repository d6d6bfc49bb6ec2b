import assert from "node:assert/strict";
import { parseRedisUrls } from "./redis_urls.ts";

Deno.test("parseRedisUrls() keeps one URL as it is: a single Redis", () => {
  assert.deepEqual(parseRedisUrls("redis://127.0.0.1:6379/2"), ["redis://127.0.0.1:6379/2"]);
});

Deno.test("parseRedisUrls() splits and trims a cluster's node list", () => {
  assert.deepEqual(parseRedisUrls(" rediss://a:7000 ,rediss://b:7001,rediss://c:7002 "), [
    "rediss://a:7000",
    "rediss://b:7001",
    "rediss://c:7002",
  ]);
});

Deno.test("parseRedisUrls() refuses bad entries with one line naming them", () => {
  const cases: [string, RegExp][] = [
    [
      "http://a:1",
      /^Cannot use REDIS_URL "http:\/\/a:1": expected redis:\/\/ or rediss:\/\/ URLs$/,
    ],
    ["redis://a:1,", /found an empty entry/],
    ["redis://a:1,localhost:2", /"localhost:2": expected redis:\/\//],
    ["redis://a:1,rediss://b:2", /"rediss:\/\/b:2": mixes redis:\/\/ and rediss:\/\//],
    ["redis://a:1,redis://b:2/3", /"redis:\/\/b:2\/3": Redis Cluster has only database 0/],
    ["redis://u:p@a:1,redis://b:2", /share one user and password/],
    ["", /empty entry/],
  ];
  for (const [value, message] of cases) {
    assert.throws(() => parseRedisUrls(value), (error: Error) => {
      assert.ok(error instanceof TypeError);
      assert.match(error.message, message);
      assert.ok(!error.message.includes("\n"));
      return true;
    });
  }
});

Deno.test("parseRedisUrls() never repeats a password in its message", () => {
  assert.throws(
    () => parseRedisUrls("redis://beacon:s3cret@a:1,redis://beacon:other@b:2"),
    (error: Error) => !error.message.includes("s3cret") && !error.message.includes("other"),
  );
});
