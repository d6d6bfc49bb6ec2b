import assert from "node:assert/strict";
import { join } from "node:path";
import { installHooks } from "./hooks.ts";

async function git(cwd: string, ...args: string[]): Promise<boolean> {
  const { success } = await new Deno.Command("git", {
    args: ["-c", "user.name=Test", "-c", "user.email=test@example.test", ...args],
    cwd,
    stdout: "null",
    stderr: "null",
  }).output();
  return success;
}

Deno.test("installHooks() makes every commit run deno task check first", async () => {
  const repo = await Deno.makeTempDir({ prefix: "beacon-hooks-" });
  try {
    assert.ok(await git(repo, "init", "-q"));
    const hook = await installHooks(join(repo));
    assert.equal(hook, join(repo, ".git", "hooks", "pre-commit"));
    assert.ok(((await Deno.stat(hook)).mode! & 0o111) !== 0, "executable");
    await Deno.writeTextFile(join(repo, "deno.json"), '{ "tasks": { "check": "exit 1" } }');
    assert.ok(await git(repo, "add", "."));
    assert.equal(await git(repo, "commit", "-qm", "refused"), false, "a failing check refuses");
    await Deno.writeTextFile(join(repo, "deno.json"), '{ "tasks": { "check": "exit 0" } }');
    assert.ok(await git(repo, "add", "."));
    assert.ok(await git(repo, "commit", "-qm", "accepted"), "a passing check lets it through");
  } finally {
    await Deno.remove(repo, { recursive: true });
  }
});

Deno.test("installHooks() refuses a folder outside any repository", async () => {
  const dir = await Deno.makeTempDir({ prefix: "beacon-no-repo-" });
  try {
    await assert.rejects(installHooks(dir), /not a git repository/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
