import assert from "node:assert/strict";
import { Hono } from "hono";
import { RevalidationMemo } from "./revalidation_memo.ts";

Deno.test("the memo never answers past the session's expiry", async () => {
  const versions = new Map<string, number>([["project:p", 1]]);
  const answered: string[] = [];
  const memo = new RevalidationMemo({
    version: (topic) => versions.get(topic) ?? 0,
    onAnswer: (method, route, label) => answered.push(`${method} ${route} ${label}`),
  });
  let expiresAt = Date.now() + 60_000;
  let handled = 0;
  const app = new Hono().get("/p", (c) => {
    handled++;
    memo.note(c.req.raw, {
      etag: 'W/"1"',
      topics: () => ["project:p"],
      expiresAt,
      route: c.req.routePath,
      label: "on",
    });
    return c.body(null, 304, { ETag: 'W/"1"' });
  });
  const handler = memo.wrap(app.fetch);
  const ask = async () => {
    const res = await handler(
      new Request("http://localhost/p", {
        headers: {
          cookie: `beacon_session=${"a".repeat(43)}`,
          "if-none-match": 'W/"1"',
        },
      }),
    );
    assert.equal(res.status, 304);
  };
  await ask();
  await ask();
  assert.equal(handled, 1, "the second is the memo's");
  assert.deepEqual(answered, ["GET /p on"], "counted as the full path counts it");
  expiresAt = Date.now() + 50;
  versions.set("project:p", 2);
  await ask();
  assert.equal(handled, 2, "a bump sends it to the app again");
  await ask();
  assert.equal(handled, 2);
  await new Promise((resolve) => setTimeout(resolve, 60));
  await ask();
  assert.equal(handled, 3, "an expired session goes to the app, which checks it");
});
