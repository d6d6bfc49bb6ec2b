import assert from "node:assert/strict";
import { join } from "node:path";
import { computeBuildId, currentBuildId, ensureBuild, islandEntries, readBuild } from "./build.ts";

const ISLANDS = new URL("./testdata/islands/", import.meta.url).pathname;

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "beacon-build-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("computeBuildId() is stable for unchanged sources", () => {
  const id = computeBuildId({ islandsDir: ISLANDS });
  assert.match(id, /^[0-9a-f]{16}$/);
  assert.equal(computeBuildId({ islandsDir: ISLANDS }), id);
  assert.notEqual(computeBuildId(), id);
});

Deno.test("computeBuildId() changes when an island changes", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "Hello.tsx"), "export function Hello() { return 1; }\n");
    const before = computeBuildId({ islandsDir: dir });
    await Deno.writeTextFile(join(dir, "Hello.tsx"), "export function Hello() { return 2; }\n");
    const after = computeBuildId({ islandsDir: dir });
    assert.notEqual(after, before);
    await Deno.writeTextFile(join(dir, "Hello_test.tsx"), "// tests do not count\n");
    assert.equal(computeBuildId({ islandsDir: dir }), after);
  });
});

Deno.test("computeBuildId() changes when a module an island imports changes, wherever it lives", async () => {
  await withTempDir(async (dir) => {
    const islands = join(dir, "islands");
    const shared = join(dir, "elsewhere", "deep");
    await Deno.mkdir(islands);
    await Deno.mkdir(shared, { recursive: true });
    await Deno.writeTextFile(
      join(islands, "Hello.tsx"),
      'import { label } from "../elsewhere/deep/label.ts";\nexport function Hello() { return label; }\n',
    );
    await Deno.writeTextFile(join(shared, "label.ts"), 'export { label } from "./text.ts";\n');
    await Deno.writeTextFile(join(shared, "text.ts"), 'export const label = "one";\n');
    const before = computeBuildId({ islandsDir: islands });
    await Deno.writeTextFile(join(shared, "text.ts"), 'export const label = "two";\n');
    assert.notEqual(computeBuildId({ islandsDir: islands }), before);
    await Deno.writeTextFile(join(shared, "unrelated.ts"), "export const x = 1;\n");
    const after = computeBuildId({ islandsDir: islands });
    await Deno.writeTextFile(join(shared, "unrelated.ts"), "export const x = 2;\n");
    assert.equal(computeBuildId({ islandsDir: islands }), after, "a module no island imports");
  });
});

Deno.test("islandEntries() lists island modules but not mod.ts, tests or helpers", async () => {
  await withTempDir(async (dir) => {
    for (const name of ["A.tsx", "b.ts", "mod.ts", "A_test.tsx", "_helper.ts", "notes.md"]) {
      await Deno.writeTextFile(join(dir, name), "");
    }
    assert.deepEqual(Object.keys(islandEntries(dir)), ["A", "b"]);
    await Deno.writeTextFile(join(dir, "client.tsx"), "");
    assert.throws(() => islandEntries(dir), { name: "IslandBuildError", message: /reserved/ });
  });
});

Deno.test("ensureBuild() bundles shared chunks once and skips an existing build", async () => {
  await withTempDir(async (outDir) => {
    const build = await ensureBuild({ islandsDir: ISLANDS, outDir });
    assert.equal(build.id, computeBuildId({ islandsDir: ISLANDS }));
    assert.equal(build.manifest.client, "client.js");
    assert.deepEqual(build.manifest.islands, {
      SharedCounter: "SharedCounter.js",
      SharedLabel: "SharedLabel.js",
      TaskStatus: "TaskStatus.js",
    });
    // preact and @preact/signals live in shared chunks that every entry imports.
    for (const file of ["client.js", "SharedCounter.js", "SharedLabel.js", "TaskStatus.js"]) {
      const code = await Deno.readTextFile(join(build.dir, file));
      assert.match(code, /from"\.\/chunk-[A-Z0-9]+\.js"/, file);
    }
    const chunks = build.manifest.files.filter((file) => file.startsWith("chunk-"));
    const signalCopies = await Promise.all(chunks.map(async (file) => {
      const code = await Deno.readTextFile(join(build.dir, file));
      return code.includes('Symbol.for("preact-signals")') ? 1 : 0;
    }));
    assert.equal(signalCopies.reduce((a: number, b: number) => a + b, 0), 1);
    // Each island's static imports are listed, so a page can preload them all at once.
    for (const chunk of build.manifest.imports["TaskStatus.js"]) {
      assert.match(chunk, /^chunk-[A-Z0-9]+\.js$/);
      assert.ok(build.manifest.files.includes(chunk));
    }
    assert.deepEqual(build.manifest.codings["client.js"], ["br", "gzip"]);

    const stamp = (await Deno.stat(join(build.dir, "client.js"))).mtime;
    const again = await ensureBuild({ islandsDir: ISLANDS, outDir });
    assert.deepEqual(again, build);
    assert.deepEqual((await Deno.stat(join(build.dir, "client.js"))).mtime, stamp);
    assert.deepEqual((await readBuild(outDir, build.id))?.manifest, build.manifest);
    assert.deepEqual([...Deno.readDirSync(outDir)].map((e) => e.name), [build.id]);
  });
});

Deno.test("ensureBuild() shares one build between concurrent calls and sets the current id", async () => {
  await withTempDir(async (outDir) => {
    const [a, b] = await Promise.all([
      ensureBuild({ islandsDir: ISLANDS, outDir }),
      ensureBuild({ islandsDir: ISLANDS, outDir }),
    ]);
    assert.deepEqual(a, b);
    assert.equal(currentBuildId(), a.id);
    assert.deepEqual([...Deno.readDirSync(outDir)].map((e) => e.name), [a.id]);
  });
});

Deno.test("readBuild() answers null for an unknown build", async () => {
  await withTempDir(async (outDir) => {
    assert.equal(await readBuild(outDir, "0000000000000000"), null);
  });
});
