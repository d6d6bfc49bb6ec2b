import assert from "node:assert/strict";
import { Hono } from "hono";
import { ensureBuild } from "./build.ts";
import { buildRoutes } from "./routes.ts";

const ISLANDS = new URL("./testdata/islands/", import.meta.url).pathname;

Deno.test("buildRoutes() serves build files as immutable JavaScript and 404s the rest", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "beacon-routes-" });
  try {
    const build = await ensureBuild({ islandsDir: ISLANDS, outDir });
    const app = new Hono();
    app.route("/_build", buildRoutes({ outDir }));

    const res = await app.request(`/_build/${build.id}/client.js`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(await res.text(), await Deno.readTextFile(`${build.dir}/client.js`));

    const chunk = build.manifest.files.find((file) => file.startsWith("chunk-"));
    assert.equal((await app.request(`/_build/${build.id}/${chunk}`)).status, 200);

    const missing = [
      `/_build/0000000000000000/client.js`,
      `/_build/${build.id}/nope.js`,
      `/_build/${build.id}/manifest.json`,
      `/_build/${build.id}/..%2F..%2Fdeno.json`,
      `/_build/${build.id}/%2E%2E/client.js`,
      `/_build/../deno.json`,
      `/_build/${build.id}`,
      `/_build/not-an-id/client.js`,
    ];
    for (const path of missing) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      await res.body?.cancel();
    }
    const post = await app.request(`/_build/${build.id}/client.js`, { method: "POST" });
    assert.equal(post.status, 404);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
