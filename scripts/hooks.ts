/**
 * `deno task hooks`: installs a git pre-commit hook that runs `deno task check` (format, lint,
 * type check), so a commit that would fail them is refused. Running it again replaces the hook.
 *
 * @module
 */
import { join, resolve } from "node:path";

/** The hook's text: `deno task check` from the repository's root. */
export const PRE_COMMIT = `#!/bin/sh
# Installed by \`deno task hooks\`: format, lint and type check before each commit.
cd "$(git rev-parse --show-toplevel)" && exec deno task check
`;

/**
 * Writes the pre-commit hook into the repository's hooks folder (`core.hooksPath` if set).
 *
 * @param cwd A folder inside the repository. Default: the current one.
 * @returns The hook's path.
 * @example
 * ```ts ignore
 * console.log(await installHooks()); // /repo/.git/hooks/pre-commit
 * ```
 */
export async function installHooks(cwd = Deno.cwd()): Promise<string> {
  const git = (args: string[]) =>
    new Deno.Command("git", { args, cwd, stdout: "piped", stderr: "null" }).output();
  const path = await git(["rev-parse", "--git-path", "hooks"]);
  if (!path.success) throw new Error("Cannot install hooks: this is not a git repository");
  const hooks = resolve(cwd, new TextDecoder().decode(path.stdout).trim());
  await Deno.mkdir(hooks, { recursive: true });
  const hook = join(hooks, "pre-commit");
  await Deno.writeTextFile(hook, PRE_COMMIT, { mode: 0o755 });
  await Deno.chmod(hook, 0o755);
  return hook;
}

if (import.meta.main) {
  const hook = await installHooks();
  console.log(`Installed ${hook}: every commit now runs deno task check first.`);
}
