/**
 * The house rules, read from the module graph (`deno info --json`) of every source file: which
 * folder may import which, no cycles between folders, no file too long to find one's way in, and
 * routes that mirror URLs. `docs/architecture.md` explains each rule.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SOURCE_DIRS = ["lib", "routes", "islands", "scripts", "bench", "tests"];
const MAX_LINES = 450;
// Generated SQL, data and benchmarks may be longer.
const LENGTH_EXEMPT = [/^migrations\//, /^bench\//, /^lib\/db\/demo\//, /\/testdata\//];

/** Repository-relative paths of every TypeScript source file. */
function sourceFiles(): string[] {
  const files: string[] = ["main.ts"];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(join(ROOT, dir))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) walk(path);
      else if (/\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return files.sort();
}

/** Every local import: importer → imported, repository-relative. */
async function localImports(files: string[]): Promise<Map<string, Set<string>>> {
  const entry = join(ROOT, `.architecture-${crypto.randomUUID()}.ts`);
  await Deno.writeTextFile(entry, files.map((f) => `import "./${f}";\n`).join(""));
  try {
    const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", entry],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(success, new TextDecoder().decode(stderr));
    const graph = JSON.parse(new TextDecoder().decode(stdout)) as {
      modules: {
        specifier: string;
        dependencies?: { code?: { specifier: string }; type?: { specifier: string } }[];
      }[];
    };
    const imports = new Map<string, Set<string>>();
    for (const module of graph.modules) {
      if (!module.specifier.startsWith("file://")) continue;
      const from = relative(ROOT, fileURLToPath(module.specifier));
      if (from.startsWith(".architecture-")) continue;
      const targets = new Set<string>();
      for (const dep of module.dependencies ?? []) {
        for (const spec of [dep.code?.specifier, dep.type?.specifier]) {
          if (spec?.startsWith("file://")) targets.add(relative(ROOT, fileURLToPath(spec)));
        }
      }
      imports.set(from, targets);
    }
    return imports;
  } finally {
    await Deno.remove(entry);
  }
}

/** The folder a file belongs to for the rules: `lib/<name>`, or its top-level folder. */
function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "lib") return parts.length > 2 ? `lib/${parts[1]}` : file;
  return parts.length > 1 ? parts[0] : file;
}

const files = sourceFiles();
const imports = await localImports(files);
const production = [...imports.keys()].filter((f) =>
  !/_test\.tsx?$|^tests\/|\/_test_support|\/testdata\//.test(f)
);

function violations(from: (folder: string) => boolean, allowed: (folder: string) => boolean) {
  const found: string[] = [];
  for (const file of production) {
    if (!from(folderOf(file))) continue;
    for (const target of imports.get(file) ?? []) {
      if (!allowed(folderOf(target))) found.push(`${file} → ${target}`);
    }
  }
  return found;
}

Deno.test("lib/cache and lib/islands import nothing outside themselves", () => {
  for (const folder of ["lib/cache", "lib/islands"]) {
    assert.deepEqual(violations((f) => f === folder, (f) => f === folder), [], folder);
  }
});

Deno.test("lib/http is a pure HTTP toolkit: it imports nothing outside itself", () => {
  assert.deepEqual(violations((f) => f === "lib/http", (f) => f === "lib/http"), []);
});

Deno.test("islands/ imports only lib/model, lib/store, lib/islands and itself", () => {
  const allowed = new Set(["islands", "lib/model", "lib/store", "lib/islands"]);
  assert.deepEqual(violations((f) => f === "islands", (f) => allowed.has(f)), []);
});

Deno.test("browser code (lib/store, lib/model) imports only browser code", () => {
  const allowed = new Set(["lib/model", "lib/store"]);
  assert.deepEqual(violations((f) => allowed.has(f), (f) => allowed.has(f)), []);
});

Deno.test("lib/db imports nothing of HTTP", () => {
  const http = new Set(["lib/http", "lib/app", "lib/server", "lib/resources", "routes"]);
  assert.deepEqual(violations((f) => f === "lib/db", (f) => !http.has(f)), []);
});

Deno.test("lib/metrics takes narrow interfaces: no app, routes or resources", () => {
  const wide = new Set(["lib/app", "lib/server", "routes", "lib/resources"]);
  assert.deepEqual(violations((f) => f === "lib/metrics", (f) => !wide.has(f)), []);
});

Deno.test("there are no import cycles between folders", () => {
  const edges = new Map<string, Set<string>>();
  for (const file of production) {
    const from = folderOf(file);
    for (const target of imports.get(file) ?? []) {
      const to = folderOf(target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === "done") return;
    if (state.get(node) === "open") {
      cycles.push([...path.slice(path.indexOf(node)), node].join(" → "));
      return;
    }
    state.set(node, "open");
    for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, "done");
  };
  for (const node of [...edges.keys()].sort()) visit(node, []);
  assert.deepEqual(cycles, []);
});

Deno.test(`no source file is longer than ${MAX_LINES} lines`, async () => {
  const long: string[] = [];
  for (const file of files) {
    if (LENGTH_EXEMPT.some((pattern) => pattern.test(file))) continue;
    const lines = (await Deno.readTextFile(join(ROOT, file))).split("\n").length - 1;
    if (lines > MAX_LINES) long.push(`${file}: ${lines} lines`);
  }
  assert.deepEqual(long, []);
});

Deno.test("the rules read a real graph: the server reaches the cache through the read model", () => {
  assert.ok(production.length > 100, `only ${production.length} modules read`);
  assert.ok(
    [...imports.get("lib/resources/loaders.ts") ?? []].some((f) => f.startsWith("lib/cache/")),
  );
});

/** The URL pattern a route file answers: `projects/[id]/risks/index.ts` → `/projects/:id/risks`. */
function patternOf(file: string): string {
  const path = file.replace(/^routes\//, "").replace(/\.tsx?$/, "").replace(/(^|\/)index$/, "");
  return "/" + path.split("/").filter(Boolean).map((part) => part.replace(/^\[(\w+)\]$/, ":$1"))
    .join("/");
}

Deno.test("routes mirror URLs: the manifest and the files under routes/ agree", async () => {
  const { ROUTES } = await import("../routes/_manifest.ts");
  const routeFiles = files.filter((f) =>
    f.startsWith("routes/") && !/_test\.tsx?$/.test(f) &&
    !f.split("/").some((p) => p.startsWith("_"))
  );
  assert.deepEqual(routeFiles.map(patternOf).sort(), Object.keys(ROUTES).sort());
  for (const file of routeFiles) {
    const module = await import(`../${file}`);
    assert.equal(module.handler, ROUTES[patternOf(file)].handler, file);
  }
});
