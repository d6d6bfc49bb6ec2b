/**
 * A Redis Cluster a test owns: `redis-server --cluster-enabled yes` processes on free ports in
 * a temporary directory (3 masters and 3 replicas by default), joined with
 * `redis-cli --cluster create`. Stopping it kills every process and removes the directory.
 *
 * @module
 */
import { createClient } from "redis";
import { sleep } from "./_test_support.ts";
import { ClusterNode, freeClusterPort } from "./_redis_cluster_node.ts";

export { ClusterNode };

/** Options of {@link RedisClusterFixture}. */
export interface RedisClusterFixtureOptions {
  /** Masters. Default 3. */
  masters?: number;
  /** Replicas per master. Default 1. */
  replicas?: number;
  /** `cluster-node-timeout` (ms): how soon a dead master is failed over. Default 1000. */
  nodeTimeoutMs?: number;
  /**
   * A config file every node starts from; then only `--port` and `--dir` are given on the
   * command line. Without it, the nodes run with test settings given as arguments.
   */
  configFile?: string;
  /** Files copied into every node's directory first: name → source path (e.g. an ACL file). */
  files?: Record<string, string>;
  /** An admin user for `redis-cli` and the fixture's own checks, when the config has an ACL. */
  admin?: { username: string; password: string };
}

/**
 * Starts a Redis Cluster on free loopback ports and waits until every node reports
 * `cluster_state:ok` and every master has its replicas attached.
 *
 * @example
 * ```ts ignore
 * const cluster = new RedisClusterFixture();
 * await cluster.start();
 * try {
 *   const store = new RedisClusterStore({ urls: cluster.urls });
 * } finally {
 *   await cluster.stop();
 * }
 * ```
 */
export class RedisClusterFixture {
  readonly nodes: ClusterNode[] = [];
  #options: RedisClusterFixtureOptions;
  #root?: string;

  /** @param options Shape, timing, config file and admin credentials. */
  constructor(options: RedisClusterFixtureOptions = {}) {
    this.#options = options;
  }

  /** The node URLs (with the admin's credentials when given). */
  get urls(): string[] {
    const admin = this.#options.admin;
    const auth = admin ? `${admin.username}:${encodeURIComponent(admin.password)}@` : "";
    return this.nodes.map((node) => `redis://${auth}${node.address}`);
  }

  /** The nodes as one `REDIS_URL` value (comma-separated), which means Redis Cluster to Beacon. */
  get redisUrl(): string {
    return this.urls.join(",");
  }

  /** Creates the nodes, joins them into a cluster and waits until it is healthy. */
  async start(): Promise<void> {
    const { masters = 3, replicas = 1, nodeTimeoutMs = 1000 } = this.#options;
    this.#root = await Deno.makeTempDir({ prefix: "beacon-redis-cluster-" });
    const taken = new Set<number>();
    try {
      for (let i = 0; i < masters * (1 + replicas); i++) {
        const port = freeClusterPort(taken);
        const dir = `${this.#root}/${port}`;
        await Deno.mkdir(dir);
        for (const [name, source] of Object.entries(this.#options.files ?? {})) {
          await Deno.copyFile(source, `${dir}/${name}`);
        }
        const node = new ClusterNode(port, dir, this.#args(port, dir, nodeTimeoutMs));
        this.nodes.push(node);
        node.start();
      }
      for (const node of this.nodes) await this.#waitForPing(node);
      await this.#create(replicas);
      await this.waitUntilHealthy(20_000, replicas);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  #args(port: number, dir: string, nodeTimeoutMs: number): string[] {
    const own = ["--port", String(port), "--dir", dir];
    if (this.#options.configFile !== undefined) return [this.#options.configFile, ...own];
    return [
      ...own,
      ...["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      ...["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"],
      ...["--cluster-node-timeout", String(nodeTimeoutMs)],
      // One shard down must not stop the others.
      ...["--cluster-require-full-coverage", "no"],
    ];
  }

  async #create(replicas: number): Promise<void> {
    const admin = this.#options.admin;
    const auth = admin ? ["--user", admin.username, "--pass", admin.password] : [];
    const output = await new Deno.Command("redis-cli", {
      args: [
        ...auth,
        "--no-auth-warning",
        "--cluster",
        "create",
        ...this.nodes.map((node) => node.address),
        "--cluster-replicas",
        String(replicas),
        "--cluster-yes",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!output.success) {
      const text = new TextDecoder().decode(output.stdout) +
        new TextDecoder().decode(output.stderr);
      throw new Error(`redis-cli --cluster create failed: ${text.trim().split("\n").at(-1)}`);
    }
  }

  /**
   * Runs `fn` with a plain client of `node` (admin credentials when given); rejects if the node
   * has not answered within 5 s (a paused node accepts connections but never replies).
   */
  async withNode<T>(
    node: ClusterNode,
    fn: (client: ReturnType<typeof createClient>) => Promise<T>,
  ): Promise<T> {
    const admin = this.#options.admin;
    const client = createClient({
      socket: {
        host: "127.0.0.1",
        port: node.port,
        connectTimeout: 1000,
        reconnectStrategy: false,
      },
      username: admin?.username,
      password: admin?.password,
    });
    client.on("error", () => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        client.destroy();
        reject(new Error(`Cluster node ${node.address} did not answer within 5 s`));
      }, 5_000);
    });
    try {
      return await Promise.race([client.connect().then(() => fn(client)), timeout]);
    } finally {
      clearTimeout(timer);
      if (client.isOpen) client.destroy();
    }
  }

  async #waitForPing(node: ClusterNode): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      try {
        await this.withNode(node, (client) => client.ping());
        return;
      } catch {
        await sleep(50);
      }
    }
    throw new Error(`Cluster node ${node.address} did not answer within 10 s`);
  }

  /**
   * Waits until every running node says `cluster_state:ok`, agrees on the masters, and every
   * master has `replicas` replicas attached.
   */
  async waitUntilHealthy(withinMs = 20_000, replicas = this.#options.replicas ?? 1): Promise<void> {
    const deadline = Date.now() + withinMs;
    let last = "";
    while (Date.now() < deadline) {
      try {
        last = await this.#health(replicas);
        if (last === "") return;
      } catch (error) {
        last = String(error);
      }
      await sleep(100);
    }
    throw new Error(`Redis Cluster not healthy within ${withinMs} ms: ${last}`);
  }

  async #health(replicas: number): Promise<string> {
    const views = new Set<string>();
    for (const node of this.nodes.filter((n) => n.running)) {
      const info = await this.withNode(node, (client) => client.clusterInfo());
      if (!info.includes("cluster_state:ok")) return `${node.address} is not ok`;
      const masters = (await this.masters(node)).map((n) => n.address).sort().join(",");
      views.add(masters);
    }
    if (views.size !== 1) return "the nodes disagree about the masters";
    for (const master of await this.masters()) {
      const info = await this.withNode(master, (client) => client.info("replication"));
      const attached = Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0);
      if (attached < replicas) return `${master.address} has ${attached} replicas`;
    }
    return "";
  }

  /** The masters serving slots, as seen by `via` (default: the first running node). */
  async masters(via?: ClusterNode): Promise<ClusterNode[]> {
    const slots = await this.#slots(via);
    const ports = new Set(slots.map((range) => range.port));
    return this.nodes.filter((node) => ports.has(node.port));
  }

  /** The master serving `slot`, as seen by the first running node. */
  async masterOf(slot: number): Promise<ClusterNode> {
    const range = (await this.#slots()).find((r) => r.from <= slot && slot <= r.to);
    const node = this.nodes.find((n) => n.port === range?.port);
    if (node === undefined) throw new Error(`No master serves slot ${slot}`);
    return node;
  }

  async #slots(via?: ClusterNode): Promise<{ from: number; to: number; port: number }[]> {
    const node = via ?? this.nodes.find((n) => n.running);
    if (node === undefined) throw new Error("No cluster node is running");
    const slots = await this.withNode(node, (client) => client.clusterSlots());
    return slots.map((s) => ({ from: s.from, to: s.to, port: s.master.port }));
  }

  /** Waits until each master's writes reached its replicas (`WAIT`). */
  async waitForReplication(): Promise<void> {
    for (const master of await this.masters()) {
      await this.withNode(master, (client) => client.sendCommand(["WAIT", "1", "2000"]));
    }
  }

  /** Kills every node and removes the directory. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
    if (this.#root !== undefined) {
      await Deno.remove(this.#root, { recursive: true }).catch(() => {});
      this.#root = undefined;
    }
  }
}
