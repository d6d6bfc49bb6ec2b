/**
 * Private helpers of the build: entry shims and the `deno bundle` call.
 *
 * @module
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { IslandBuildError } from "./build_error.ts";

/** Writes an entry that re-exports `target`, so every output lands flat in one folder. */
export async function writeShim(entryDir: string, chunk: string, target: string): Promise<string> {
  const url = JSON.stringify(pathToFileURL(target).href);
  const source = await Deno.readTextFile(target);
  let shim = `export * from ${url};\n`;
  if (/\bexport\s+default\b|\bas\s+default\b/.test(source)) {
    shim += `export { default } from ${url};\n`;
  }
  const shimPath = join(entryDir, `${chunk}.ts`);
  await Deno.writeTextFile(shimPath, shim);
  return shimPath;
}

/** Runs `deno bundle` with code splitting, preact shared between chunks. */
export async function runDenoBundle(
  root: string,
  outDir: string,
  entries: string[],
): Promise<void> {
  const args = [
    "bundle",
    "--quiet",
    "--config",
    join(root, "deno.json"),
    "--platform",
    "browser",
    "--format",
    "esm",
    "--code-splitting",
    "--minify",
    "--outdir",
    outDir,
    ...entries,
  ];
  const command = new Deno.Command(Deno.execPath(), {
    args,
    cwd: root,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
  const { code, stderr, stdout } = await command.output();
  if (code !== 0) {
    const output = new TextDecoder().decode(stderr) + new TextDecoder().decode(stdout);
    throw new IslandBuildError(`Cannot build islands: deno bundle exited with ${code}\n${output}`);
  }
}
