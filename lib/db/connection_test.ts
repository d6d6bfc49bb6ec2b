import assert from "node:assert/strict";
import { connect } from "./connection.ts";

Deno.test("the embedded database reports itself up, its listener once something listens, and a maintenance view that closes nothing", async () => {
  const db = await connect({ dataDir: "memory://" });
  try {
    assert.equal(db.health().status, "up");
    assert.equal(db.health().listener, null);
    const heard: string[] = [];
    const unlisten = await db.listen("alpha", (payload) => heard.push(payload));
    assert.equal(db.health().listener?.status, "connected");
    assert.deepEqual(db.health().listener?.channels, ["alpha"]);
    const maintenance = db.forMaintenance();
    await maintenance.query("SELECT pg_notify('alpha', 'hello')");
    await maintenance.close();
    const [row] = await db.query<{ one: number }>("SELECT 1 AS one");
    assert.equal(row.one, 1, "still open after the maintenance view closed");
    assert.ok(db.health().lastSuccessAt !== null);
    await unlisten();
    await unlisten();
    assert.equal(db.health().listener, null);
    assert.deepEqual(heard, ["hello"]);
  } finally {
    await db.close();
  }
});
