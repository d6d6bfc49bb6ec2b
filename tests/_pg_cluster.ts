/**
 * A PostgreSQL cluster a test owns: created with `initdb` in a temporary folder, on a free
 * loopback port, with trust authentication, so fault tests can stop, restart and kill the
 * server, and refuse a role, without touching the shared test server. `initdb` and `pg_ctl`
 * refuse to run as root, so they run as the `postgres` user.
 *
 * @module
 */
import postgres from "postgres";

/** Where Debian puts PostgreSQL's programs; `PG_BIN` overrides it. */
const PG_BIN = Deno.env.get("PG_BIN") ?? "/usr/lib/postgresql/15/bin";
/** The operating-system user that runs the server. */
const OS_USER = "postgres";

/** Clusters not destroyed yet, stopped at exit if a test run is cut short by an uncaught error. */
const live = new Set<PgCluster>();
globalThis.addEventListener("unload", () => {
  for (const cluster of live) cluster.destroySync();
});

/** Options of {@linkcode PgCluster.create}. */
export interface PgClusterOptions {
  /** The port to listen on. Default: one that was free a moment ago. */
  port?: number;
  /** Extra server settings, as `name: value`. */
  settings?: Record<string, string | number>;
}

/**
 * A PostgreSQL server in a folder of its own. Always `destroy()` it.
 *
 * @example
 * ```ts ignore
 * const cluster = await PgCluster.create();
 * try {
 *   await cluster.sql("CREATE ROLE app LOGIN");
 *   await cluster.stop();
 *   await cluster.start(); // same port, same data
 * } finally {
 *   await cluster.destroy();
 * }
 * ```
 */
export class PgCluster {
  /** The loopback port the server listens on. */
  readonly port: number;
  /** The temporary folder holding the data directory, socket and log. */
  readonly dir: string;
  #settings: Record<string, string | number>;
  #running = false;

  private constructor(dir: string, port: number, settings: Record<string, string | number>) {
    this.dir = dir;
    this.port = port;
    this.#settings = settings;
  }

  /** Creates a cluster (`initdb`) and starts it. */
  static async create(options: PgClusterOptions = {}): Promise<PgCluster> {
    const dir = await Deno.makeTempDir({ prefix: "beacon-pg-" });
    const cluster = new PgCluster(dir, options.port ?? freePort(), options.settings ?? {});
    live.add(cluster);
    try {
      const { uid, gid } = await osUser(OS_USER);
      await Deno.chown(dir, uid, gid);
      await runAsPostgres(`${PG_BIN}/initdb`, [
        "-D",
        cluster.#dataDir,
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-sync",
      ]);
      await cluster.start();
      return cluster;
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
  }

  /** The superuser's URL for database `database` (default `postgres`). */
  urlFor(user = "postgres", database = "postgres"): string {
    return `postgres://${encodeURIComponent(user)}@127.0.0.1:${this.port}/${database}`;
  }

  /** The superuser's URL for the `postgres` database. */
  get url(): string {
    return this.urlFor();
  }

  /** Whether the fixture started the server and has not stopped it since. */
  get running(): boolean {
    return this.#running;
  }

  /** Starts the server and resolves once it accepts connections. */
  async start(): Promise<void> {
    const settings: Record<string, string | number> = {
      listen_addresses: "127.0.0.1",
      port: this.port,
      unix_socket_directories: this.dir,
      // Only the process dies in these tests, never the machine: the page cache keeps what
      // fsync would have flushed, and synchronous_commit stays on, so a kill loses no commit.
      fsync: "off",
      full_page_writes: "off",
      shared_buffers: "16MB",
      max_connections: 60,
      ...this.#settings,
    };
    const flags = Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`);
    await runAsPostgres(`${PG_BIN}/pg_ctl`, [
      "start",
      "-w",
      "-t",
      "30",
      "-D",
      this.#dataDir,
      "-l",
      `${this.dir}/server.log`,
      "-o",
      flags.join(" "),
    ]);
    this.#running = true;
  }

  /** Stops the server with a fast shutdown (sessions are ended, nothing is lost). */
  async stop(): Promise<void> {
    await runAsPostgres(`${PG_BIN}/pg_ctl`, ["stop", "-w", "-m", "fast", "-D", this.#dataDir]);
    this.#running = false;
  }

  /** Kills the postmaster and every backend with SIGKILL, as a crash would. */
  async kill(): Promise<void> {
    const pid = await this.#postmasterPid();
    if (pid === null) return;
    const pids = [pid, ...await childrenOf(pid)];
    for (const each of pids) {
      try {
        Deno.kill(each, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await waitUntilGone(pids);
    // A crashed postmaster leaves its lock files behind; the next start would refuse them.
    for (
      const file of ["data/postmaster.pid", `.s.PGSQL.${this.port}.lock`, `.s.PGSQL.${this.port}`]
    ) {
      await Deno.remove(`${this.dir}/${file}`).catch(() => {});
    }
    this.#running = false;
  }

  /**
   * Freezes the postmaster and every backend with SIGSTOP: connections stay open and new ones
   * are accepted by the kernel, but nothing answers, as with a hung host. Undo with `resume()`.
   */
  async pause(): Promise<void> {
    await this.#signalAll("SIGSTOP");
  }

  /** Lets a paused server run again (SIGCONT). */
  async resume(): Promise<void> {
    await this.#signalAll("SIGCONT");
  }

  /** Runs one statement as the superuser on database `database` (default `postgres`). */
  async sql(text: string, database = "postgres"): Promise<Record<string, unknown>[]> {
    const sql = postgres(this.urlFor("postgres", database), {
      max: 1,
      onnotice: () => {},
      connect_timeout: 5,
      fetch_types: false,
    });
    try {
      return [...await sql.unsafe(text)];
    } finally {
      await sql.end({ timeout: 1 });
    }
  }

  /** Creates a database owned by a new login role of the same name; returns that role's URL. */
  async createAppDatabase(name: string): Promise<string> {
    await this.sql(`CREATE ROLE "${name}" LOGIN`);
    await this.sql(`CREATE DATABASE "${name}" OWNER "${name}"`);
    return this.urlFor(name, name);
  }

  /** Allows or refuses new logins of `role`; sessions already open stay open. */
  async setLogin(role: string, allowed: boolean): Promise<void> {
    await this.sql(`ALTER ROLE "${role}" ${allowed ? "LOGIN" : "NOLOGIN"}`);
  }

  /** Ends the sessions matching a `pg_stat_activity` condition; resolves to how many. */
  async terminate(where: string): Promise<number> {
    const rows = await this.sql(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()
        AND (${where})`,
    );
    return rows.length;
  }

  /** The server's log so far, for failure messages. */
  async log(): Promise<string> {
    return await Deno.readTextFile(`${this.dir}/server.log`).catch(() => "");
  }

  /** Stops the server immediately and deletes its folder. */
  async destroy(): Promise<void> {
    if (await this.#postmasterPid() !== null) {
      await this.resume().catch(() => {});
      await runAsPostgres(`${PG_BIN}/pg_ctl`, [
        "stop",
        "-w",
        "-m",
        "immediate",
        "-D",
        this.#dataDir,
      ])
        .catch(() => this.kill());
    }
    this.#running = false;
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
    live.delete(this);
  }

  /** Stops the server immediately and deletes its folder, blocking: for the exit handler. */
  destroySync(): void {
    try {
      Deno.kill(this.#postmasterPidSync() ?? -1, "SIGCONT");
    } catch {
      // not running
    }
    new Deno.Command("runuser", {
      args: [
        "-u",
        OS_USER,
        "--",
        `${PG_BIN}/pg_ctl`,
        "stop",
        "-w",
        "-m",
        "immediate",
        "-D",
        this.#dataDir,
      ],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    try {
      Deno.removeSync(this.dir, { recursive: true });
    } catch {
      // already gone
    }
    live.delete(this);
  }

  get #dataDir(): string {
    return `${this.dir}/data`;
  }

  async #signalAll(signal: Deno.Signal): Promise<void> {
    const pid = await this.#postmasterPid();
    if (pid === null) throw new Error("Cannot signal the server: it is not running");
    for (const each of [pid, ...await childrenOf(pid)]) {
      try {
        Deno.kill(each, signal);
      } catch {
        // exited meanwhile
      }
    }
  }

  #postmasterPidSync(): number | null {
    try {
      const pid = Number(Deno.readTextFileSync(`${this.#dataDir}/postmaster.pid`).split("\n")[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }

  async #postmasterPid(): Promise<number | null> {
    const text = await Deno.readTextFile(`${this.#dataDir}/postmaster.pid`).catch(() => null);
    const pid = Number(text?.split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 && await isAlive(pid) ? pid : null;
  }
}

/** A loopback port that was free a moment ago. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function runAsPostgres(program: string, args: string[]): Promise<void> {
  const out = await new Deno.Command("runuser", {
    args: ["-u", OS_USER, "--", program, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const detail = new TextDecoder().decode(out.stderr).trim() ||
      new TextDecoder().decode(out.stdout).trim();
    throw new Error(`Cannot run ${program.split("/").at(-1)} ${args[0]}: ${detail}`);
  }
}

async function osUser(name: string): Promise<{ uid: number; gid: number }> {
  const passwd = await Deno.readTextFile("/etc/passwd");
  const line = passwd.split("\n").find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`Cannot find the operating-system user "${name}"`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

async function childrenOf(parent: number): Promise<number[]> {
  const children: number[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`).catch(() => "");
    // The command name is in parentheses and may hold spaces; the parent pid follows the state.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[1]) === parent) children.push(Number(entry.name));
  }
  return children;
}

async function isAlive(pid: number): Promise<boolean> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`).catch(() => null);
  if (stat === null) return false;
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
}

async function waitUntilGone(pids: number[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (const pid of pids) {
    while (await isAlive(pid)) {
      if (Date.now() > deadline) throw new Error(`Process ${pid} outlived SIGKILL by 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
