/**
 * Child processes for the benchmarks: a throwaway PostgreSQL database, Beacon or a
 * bare script on a free port, and a way to stop them all. Every child is killed by
 * {@linkcode stopAll}; nothing outlives the run.
 *
 * @module
 */
import postgres from "postgres";

const ROOT = decodeURIComponent(new URL("..", import.meta.url).pathname);
const HOST = "127.0.0.1";
const children = new Set<Deno.ChildProcess>();

/** A running child and the last lines it printed. */
export interface Child {
  process: Deno.ChildProcess;
  output(): string;
  exited: Promise<Deno.CommandStatus>;
}

/** Starts a command in the repository's root, keeping its last 200 lines of output. */
export function spawn(command: string, args: string[], env: Record<string, string> = {}): Child {
  const process = new Deno.Command(command, {
    args,
    cwd: ROOT,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  children.add(process);
  const lines: string[] = [];
  const keep = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const bytes of stream) {
      lines.push(...decoder.decode(bytes, { stream: true }).split("\n").filter(Boolean));
      if (lines.length > 200) lines.splice(0, lines.length - 200);
    }
  };
  const drained = Promise.all([keep(process.stdout), keep(process.stderr)]);
  const exited = process.status.then(async (status) => {
    await drained.catch(() => {});
    children.delete(process);
    return status;
  });
  return { process, output: () => lines.join("\n"), exited };
}

/** Runs a command to its end and returns its output; throws with it when the command fails. */
export async function run(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, env);
  const status = await child.exited;
  if (!status.success) {
    throw new Error(`${command} ${args.join(" ")} failed (${status.code}):\n${child.output()}`);
  }
  return child.output();
}

/** Stops a child: SIGTERM, then SIGKILL after 3 s. */
export async function stop(child: Child): Promise<void> {
  if (!children.has(child.process)) return;
  try {
    child.process.kill("SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      child.process.kill("SIGKILL");
    } catch {
      // gone already
    }
  }, 3000);
  await child.exited;
  clearTimeout(timer);
}

/** Kills every child still running. */
export function stopAll(): void {
  for (const process of [...children]) {
    try {
      process.kill("SIGKILL");
    } catch {
      // gone already
    }
  }
}

function freePort(): number {
  const listener = Deno.listen({ hostname: HOST, port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Starts a script with PORT and HOST and waits until `probePath` answers below 500. */
export async function startScript(
  script: string,
  env: Record<string, string>,
  probePath: string,
): Promise<{ child: Child; origin: string }> {
  const port = freePort();
  const child = spawn(Deno.execPath(), ["run", "-A", script], { ...env, PORT: String(port), HOST });
  const origin = `http://${HOST}:${port}`;
  const deadline = Date.now() + 90_000;
  let exited = false;
  child.exited.then(() => exited = true);
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(origin + probePath, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.status < 500) return { child, origin };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop(child);
  throw new Error(`${script} did not start listening on ${origin}:\n${child.output()}`);
}

/** A throwaway database on the PostgreSQL server at `pg`, dropped by `drop()`. */
export async function createDatabase(
  pg: string,
): Promise<{ url: string; sql: postgres.Sql; drop: () => Promise<void> }> {
  const name = `beacon_bench_${Date.now().toString(36)}_${crypto.randomUUID().slice(0, 8)}`;
  const admin = postgres(`${pg}/postgres`, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = `${pg}/${name}`;
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 2 }).catch(() => {});
      try {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end({ timeout: 2 });
      }
    },
  };
}
