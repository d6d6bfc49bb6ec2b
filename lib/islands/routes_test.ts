import assert from "node:assert/strict";
import { Hono } from "hono";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { ensureBuild } from "./build.ts";
import { buildRoutes } from "./routes.ts";
import { registerIslandModule } from "./registry.ts";
import * as SharedCounter from "./testdata/islands/SharedCounter.tsx";
import * as TaskStatus from "./testdata/islands/TaskStatus.tsx";

registerIslandModule("SharedCounter", SharedCounter);
registerIslandModule("TaskStatus", TaskStatus);

const ISLANDS = new URL("./testdata/islands/", import.meta.url).pathname;

Deno.test("buildRoutes() serves build files as immutable JavaScript in each coding and 404s the rest", async () => {
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

    // Each coding the request accepts, its own strong tag, and a 304 for that tag.
    const identity = await Deno.readFile(`${build.dir}/client.js`);
    for (
      const [accept, coding] of [["gzip, deflate, br", "br"], ["gzip", "gzip"], [
        "br;q=0, gzip;q=0",
        null,
      ]]
    ) {
      const coded = await app.request(`/_build/${build.id}/client.js`, {
        headers: { "accept-encoding": accept! },
      });
      assert.equal(coded.headers.get("content-encoding"), coding, accept!);
      assert.equal(coded.headers.get("vary"), "Accept-Encoding");
      const etag = coded.headers.get("etag")!;
      assert.equal(etag, coding ? `"${build.id}-${coding}"` : `"${build.id}"`);
      const body = new Uint8Array(await coded.arrayBuffer());
      const decoded = coding === "br"
        ? brotliDecompressSync(body)
        : coding
        ? gunzipSync(body)
        : body;
      assert.deepEqual(new Uint8Array(decoded), identity);
      if (coding) assert.ok(body.byteLength < identity.byteLength / 2, `${coding} is smaller`);
      const again = await app.request(`/_build/${build.id}/client.js`, {
        headers: { "accept-encoding": accept!, "if-none-match": etag },
      });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get("etag"), etag);
    }
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});

Deno.test("buildRoutes() serves the static files the build copied and the boot module of any set of its chunks", async () => {
  const outDir = await Deno.makeTempDir({ prefix: "beacon-routes-" });
  try {
    const build = await ensureBuild({ islandsDir: ISLANDS, outDir });
    assert.deepEqual(build.manifest.assets, ["app.css", "favicon.svg"]);
    const app = new Hono();
    app.route("/_build", buildRoutes({ outDir }));

    const css = await app.request(`/_build/${build.id}/app.css`, {
      headers: { "accept-encoding": "br" },
    });
    assert.equal(css.status, 200);
    assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
    assert.equal(css.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(
      new TextDecoder().decode(brotliDecompressSync(new Uint8Array(await css.arrayBuffer()))),
      await Deno.readTextFile(new URL("../../static/app.css", import.meta.url)),
    );
    const icon = await app.request(`/_build/${build.id}/favicon.svg`);
    assert.equal(icon.headers.get("content-type"), "image/svg+xml");
    await icon.body?.cancel();

    const boot = await app.request(`/_build/${build.id}/boot.SharedCounter.TaskStatus.js`);
    assert.equal(boot.status, 200);
    assert.equal(boot.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(
      await boot.text(),
      'import{boot}from"./client.js";import{SharedCounter as i0}from"./SharedCounter.js";' +
        'import{TaskStatus as i1}from"./TaskStatus.js";boot({"SharedCounter":i0,"TaskStatus":i1});',
    );
    for (
      const file of ["boot.TaskStatus.SharedCounter.js", "boot.Nope.js", "boot.SharedLabel.js"]
    ) {
      const res = await app.request(`/_build/${build.id}/${file}`);
      assert.equal(res.status, 404, file);
      await res.body?.cancel();
    }
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
