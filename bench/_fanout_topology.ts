/**
 * The fan-out bench's topology, all on this machine: a 6-node Redis Cluster, one fresh
 * PostgreSQL database, N Beacon instances as processes of their own (so their CPU can be read
 * from `/proc/<pid>/stat`), and nginx in front with the shipped configuration over plain HTTP.
 *
 * @module
 */
import { createTestDb, TEST_SESSION_SECRET, type TestDb } from "../tests/_db.ts";
import { RedisClusterFixture } from "../tests/_redis_cluster.ts";
import { freePort, NginxFixture } from "../tests/_nginx.ts";

const ROOT = new URL("..", import.meta.url).pathname;
/** The address nginx connects to the instances from. */
const PROXY_ADDRESS = "127.0.0.2";

/** One Beacon process. */
export interface Instance {
  url: string;
  pid: number;
  output(): string;
}

/** Everything the bench runs against. */
export interface Topology {
  /** nginx's URL: where clients go. */
  url: string;
  instances: Instance[];
  nginx: NginxFixture;
  cluster: RedisClusterFixture;
  testDb: TestDb;
  close(): Promise<void>;
}

/** Options of {@linkcode startTopology}. */
export interface TopologyOptions {
  instances: number;
  /** nginx worker processes. */
  /** nginx worker processes; default the shipped configuration's `auto`. */
  nginxWorkers?: number;
  /** Extra environment of every instance. */
  env?: Record<string, string>;
  /** Where each instance writes a V8 CPU profile when it stops (`--cpu-prof`); none if unset. */
  profileDir?: string;
  log: (line: string) => void;
}

/**
 * Starts the cluster, the database, the instances (one after another: the first builds the
 * islands) and nginx.
 *
 * The load generator stands for browsers on many addresses: it is a trusted proxy too
 * (127.0.0.1 in `TRUSTED_PROXIES`) and names a simulated address per client in
 * `X-Forwarded-For`, so the per-address socket cap (64) applies per simulated browser.
 */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const children: Deno.ChildProcess[] = [];
  const cluster = new RedisClusterFixture();
  let testDb: TestDb | undefined;
  let nginx: NginxFixture | undefined;
  const close = async () => {
    await nginx?.stop();
    for (const child of children) {
      try {
        child.kill("SIGTERM");
      } catch {
        // gone already
      }
      await child.status;
    }
    await testDb?.drop().catch(() => {});
    await cluster.stop();
  };
  try {
    await cluster.start();
    options.log(`Redis Cluster: ${cluster.nodes.map((n) => n.address).join(" ")}`);
    testDb = await createTestDb({ seed: true });
    await testDb.db.close();
    const instances: Instance[] = [];
    for (let i = 0; i < options.instances; i++) {
      const port = freePort();
      const flags = options.profileDir
        ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}/instance-${i + 1}`]
        : [];
      const { child, output } = spawnInstance(flags, {
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: testDb.url!,
        SESSION_SECRET: TEST_SESSION_SECRET,
        REDIS_URL: cluster.redisUrl,
        TRUSTED_PROXIES: `127.0.0.1,${PROXY_ADDRESS}`,
        ...options.env,
      });
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      await waitForHealth(url, child, output);
      instances.push({ url, pid: child.pid, output });
      options.log(`instance ${i + 1}: ${url} (pid ${child.pid})`);
    }
    nginx = new NginxFixture({
      upstreams: instances.map((instance) => new URL(instance.url).host),
      tls: false,
      bindAddress: PROXY_ADDRESS,
      workers: options.nginxWorkers,
    });
    await nginx.start();
    const workers = childPids(nginx.pid).length;
    options.log(`nginx: ${nginx.url} (pid ${nginx.pid}, ${workers} worker(s))`);
    return { url: nginx.url, instances, nginx, cluster, testDb, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs `main.ts` with its open-file limit raised (each socket is a descriptor). */
function spawnInstance(flags: string[], env: Record<string, string>) {
  const deno = Deno.execPath();
  const child = new Deno.Command("sh", {
    args: ["-c", `ulimit -n "$(ulimit -Hn)"; exec "${deno}" run -A ${flags.join(" ")} main.ts`],
    cwd: ROOT,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    (async () => {
      const decoder = new TextDecoder();
      for await (const bytes of stream) {
        lines.push(...decoder.decode(bytes, { stream: true }).split("\n").filter(Boolean));
        if (lines.length > 200) lines.splice(0, lines.length - 200);
      }
    })().catch(() => {});
  }
  return { child, output: () => lines.join("\n") };
}

async function waitForHealth(url: string, child: Deno.ChildProcess, output: () => string) {
  let exited = false;
  child.status.then(() => exited = true);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Beacon at ${url} did not become healthy:\n${output()}`);
}

/** CPU seconds (user + system) a process and its threads have used, from `/proc`. */
export function cpuSeconds(pid: number | "self"): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  // The command name may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The children of a process (nginx's workers), from `/proc`. */
export function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) pids.push(Number(entry.name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** `getconf CLK_TCK`: the unit of `/proc/<pid>/stat` times. */
const CLOCK_TICKS = (() => {
  const output = new Deno.Command("getconf", { args: ["CLK_TCK"], stdout: "piped" }).outputSync();
  return Number(new TextDecoder().decode(output.stdout).trim()) || 100;
})();
