import assert from "node:assert/strict";
import { join } from "node:path";
import { embeddedSessionSecret } from "./session_secret.ts";

Deno.test("embeddedSessionSecret() makes a key once, keeps it private and reads it back", async () => {
  const dir = await Deno.makeTempDir({ prefix: "beacon-secret-" });
  try {
    const dataDir = join(dir, "data");
    const first = await embeddedSessionSecret(dataDir);
    assert.match(first, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(await embeddedSessionSecret(dataDir), first, "the same key after a restart");
    assert.equal((await Deno.stat(join(dataDir, "session_secret"))).mode! & 0o077, 0);
    const other = await embeddedSessionSecret(join(dir, "other"));
    assert.notEqual(other, first, "each database its own key");
    const memory = await embeddedSessionSecret("memory://");
    assert.match(memory, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(await embeddedSessionSecret("memory://"), memory, "kept nowhere");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
