import assert from "node:assert/strict";
import { createTestApp } from "./_app.ts";

Deno.test("concurrent cold requests: one loads and stores, the others say they were collapsed", async () => {
  const t = await createTestApp();
  try {
    const cookie = await t.login("ada@acme.test");
    const id = await t.projectId("acme");
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => t.request(`/api/projects/${id}`, { headers: { cookie } })),
    );
    const statuses = await Promise.all(responses.map(async (res) => {
      await res.body?.cancel();
      assert.equal(res.status, 200);
      return res.headers.get("cache-status");
    }));
    assert.equal(statuses.filter((s) => s === "Beacon; fwd=miss; stored").length, 1, `${statuses}`);
    assert.ok(statuses.includes("Beacon; fwd=miss; collapsed"), `${statuses}`);
    for (const status of statuses) {
      assert.match(status ?? "", /^Beacon; (fwd=miss; stored|fwd=miss; collapsed|hit)$/);
    }
  } finally {
    await t.drop();
  }
});
