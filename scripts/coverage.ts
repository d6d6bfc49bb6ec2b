/**
 * `deno task coverage`: runs the whole suite with coverage, then prints the line and branch
 * coverage of `lib/` and `routes/`, per folder and in all. Extra arguments go to `deno test`
 * (a file or folder narrows the run).
 *
 * @module
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const INCLUDE = /^(lib|routes)\//;

interface Tally {
  lines: number;
  linesHit: number;
  branches: number;
  branchesHit: number;
}

async function run(args: string[]): Promise<string> {
  const command = new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stdout: "piped" });
  const { code, stdout } = await command.output();
  if (code !== 0) throw new Error(`deno ${args[0]} exited with ${code}`);
  return new TextDecoder().decode(stdout);
}

/** Sums an lcov report per folder (`lib/<name>`, `routes`) for the files `INCLUDE` matches. */
function tally(lcov: string): Map<string, Tally> {
  const folders = new Map<string, Tally>();
  let current: Tally | null = null;
  for (const line of lcov.split("\n")) {
    if (line.startsWith("SF:")) {
      const file = relative(ROOT, line.slice(3).replace(/^file:\/\//, ""));
      if (!INCLUDE.test(file) || /_test\.tsx?$|\/testdata\/|_test_support/.test(file)) {
        current = null;
        continue;
      }
      const folder = file.startsWith("lib/") ? file.split("/").slice(0, 2).join("/") : "routes";
      current = folders.get(folder) ?? { lines: 0, linesHit: 0, branches: 0, branchesHit: 0 };
      folders.set(folder, current);
    } else if (current) {
      const [key, value] = line.split(":");
      const n = Number(value);
      if (key === "LF") current.lines += n;
      else if (key === "LH") current.linesHit += n;
      else if (key === "BRF") current.branches += n;
      else if (key === "BRH") current.branchesHit += n;
    }
  }
  return folders;
}

function percent(hit: number, all: number): string {
  return all === 0 ? "  —  " : `${(100 * hit / all).toFixed(1).padStart(5)}%`;
}

if (import.meta.main) {
  const dir = await Deno.makeTempDir({ prefix: "beacon-coverage-" });
  try {
    const args = ["test", "-A", `--coverage=${dir}`, ...Deno.args];
    const test = new Deno.Command(Deno.execPath(), { args, cwd: ROOT }).spawn();
    const { code } = await test.status;
    if (code !== 0) console.error(`The tests failed (exit ${code}); coverage of what ran:`);
    const folders = tally(await run(["coverage", "--lcov", dir]));
    const all: Tally = { lines: 0, linesHit: 0, branches: 0, branchesHit: 0 };
    console.log(`${"folder".padEnd(16)}  lines  branches`);
    for (const [folder, t] of [...folders].sort(([a], [b]) => a < b ? -1 : 1)) {
      console.log(
        `${folder.padEnd(16)} ${percent(t.linesHit, t.lines)}  ${
          percent(t.branchesHit, t.branches)
        }`,
      );
      for (const key of Object.keys(all) as (keyof Tally)[]) all[key] += t[key];
    }
    console.log(
      `${"lib/ + routes/".padEnd(16)} ${percent(all.linesHit, all.lines)}  ${
        percent(all.branchesHit, all.branches)
      }`,
    );
    if (code !== 0) Deno.exit(code);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

export { tally };
