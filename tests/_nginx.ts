/**
 * nginx as a process a test or bench owns, running the shipped `deploy/nginx.conf` with only
 * what a machine without containers needs replaced: the listen addresses (free loopback
 * ports), the upstream servers (the instances' ports), the certificate (a fresh self-signed
 * one for 127.0.0.1) or plain HTTP, and the process' own paths (pid, logs, temp files under a
 * temporary directory). One line is added: `proxy_bind`, so nginx reaches the instances from
 * an address of its own (127.0.0.2 by default) and `TRUSTED_PROXIES` can tell it from clients
 * on 127.0.0.1.
 *
 * @module
 */

const SHIPPED = new URL("../deploy/nginx.conf", import.meta.url);

/** Options of {@linkcode NginxFixture}. */
export interface NginxOptions {
  /** The instances, `host:port` each. */
  upstreams: string[];
  /** Serve HTTPS with a self-signed certificate for 127.0.0.1 (default), or plain HTTP. */
  tls?: boolean;
  /** The address nginx connects to the instances from. Default `127.0.0.2`. */
  bindAddress?: string;
  /** Worker processes. Default: the shipped `auto`. */
  workers?: number;
}

/**
 * Writes the configuration, checks it with `nginx -t`, and runs nginx in the foreground.
 *
 * @example
 * ```ts ignore
 * const nginx = new NginxFixture({ upstreams: ["127.0.0.1:8001", "127.0.0.1:8002"] });
 * await nginx.start();
 * await fetch(`${nginx.url}/login`, { client: nginx.httpClient() });
 * await nginx.stop();
 * ```
 */
export class NginxFixture {
  /** The CA certificate (PEM) clients must trust, with `tls`. */
  certificate = "";
  #options: NginxOptions;
  #dir = "";
  #port = 0;
  #child?: Deno.ChildProcess;

  /** @param options The instances, TLS and the bind address. */
  constructor(options: NginxOptions) {
    this.#options = options;
  }

  /** Where clients reach it, like `https://127.0.0.1:41234`. */
  get url(): string {
    return `${this.#options.tls === false ? "http" : "https"}://127.0.0.1:${this.#port}`;
  }

  /** The process id of nginx's master. */
  get pid(): number {
    if (!this.#child) throw new Error("nginx is not running");
    return this.#child.pid;
  }

  /** Generates the configuration and starts nginx; resolves once it accepts connections. */
  async start(): Promise<void> {
    this.#dir = await Deno.makeTempDir({ prefix: "beacon-nginx-" });
    this.#port = freePort();
    const tls = this.#options.tls !== false;
    if (tls) await this.#makeCertificate();
    const config = `${this.#dir}/nginx.conf`;
    await Deno.writeTextFile(config, this.#config(await Deno.readTextFile(SHIPPED), tls));
    const check = await new Deno.Command("nginx", {
      args: ["-t", "-q", "-p", this.#dir, "-c", config],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!check.success) {
      throw new Error(
        `nginx -t refused the configuration: ${new TextDecoder().decode(check.stderr)}`,
      );
    }
    this.#child = new Deno.Command("nginx", {
      args: ["-p", this.#dir, "-c", config, "-g", "daemon off;"],
      stdout: "null",
      stderr: "null",
    }).spawn();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      try {
        (await Deno.connect({ hostname: "127.0.0.1", port: this.#port })).close();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    await this.stop();
    throw new Error(`nginx did not listen on port ${this.#port} within 10 s`);
  }

  /** The end of nginx's error log, for failure messages. */
  async errorLog(): Promise<string> {
    return await Deno.readTextFile(`${this.#dir}/error.log`).catch(() => "");
  }

  /** Stops nginx and removes its directory. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (child) {
      try {
        child.kill("SIGTERM");
      } catch {
        // gone already
      }
      await child.status;
    }
    if (this.#dir) await Deno.remove(this.#dir, { recursive: true }).catch(() => {});
  }

  #config(shipped: string, tls: boolean): string {
    const { upstreams, bindAddress = "127.0.0.2", workers } = this.#options;
    const dir = this.#dir;
    const lines: string[] = [];
    let upstreamsWritten = false;
    for (const line of shipped.split("\n")) {
      const indent = line.match(/^\s*/)![0];
      const text = line.trim();
      if (/^server beacon-\d+:\d+/.test(text)) {
        if (!upstreamsWritten) {
          lines.push(...upstreams.map((u) => `${indent}server ${u} max_fails=1 fail_timeout=5s;`));
          upstreamsWritten = true;
        }
      } else if (text.startsWith("pid ")) {
        // Workers run as the user starting the test, which may be root.
        if (Deno.uid() === 0) lines.push("user root;");
        lines.push(`pid ${dir}/nginx.pid;`);
      } else if (text.startsWith("error_log ")) {
        lines.push(`error_log ${dir}/error.log warn;`);
      } else if (text.startsWith("worker_processes ") && workers !== undefined) {
        lines.push(`worker_processes ${workers};`);
      } else if (text.startsWith("worker_rlimit_nofile ")) {
        lines.push(`worker_rlimit_nofile ${Math.min(40000, nofileLimit())};`);
      } else if (text.startsWith("access_log ")) {
        lines.push(`${indent}access_log off;`);
        for (const temp of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
          lines.push(`${indent}${temp}_temp_path ${dir}/${temp};`);
        }
        lines.push(`${indent}proxy_bind ${bindAddress};`);
      } else if (text === "listen 80;") {
        lines.push(`${indent}listen 127.0.0.1:${freePort()};`);
      } else if (text.startsWith("listen 443 ")) {
        lines.push(`${indent}listen 127.0.0.1:${this.#port}${tls ? " ssl http2" : ""};`);
      } else if (text.startsWith("ssl_certificate ")) {
        if (tls) lines.push(`${indent}ssl_certificate ${dir}/beacon.crt;`);
      } else if (text.startsWith("ssl_certificate_key ")) {
        if (tls) lines.push(`${indent}ssl_certificate_key ${dir}/beacon.key;`);
      } else if (text.startsWith("ssl_") && !tls) {
        continue;
      } else {
        lines.push(line);
      }
    }
    if (!upstreamsWritten) throw new Error("deploy/nginx.conf has no `server beacon-N` lines");
    return lines.join("\n");
  }

  /** A CA of its own (what clients trust) and a certificate for 127.0.0.1 it signed. */
  async #makeCertificate(): Promise<void> {
    const dir = this.#dir;
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    await openssl(["req", "-x509", ...ec, "-days", "2", "-subj", "/CN=Beacon test CA"], [
      "-keyout",
      `${dir}/ca.key`,
      "-out",
      `${dir}/ca.crt`,
    ]);
    await openssl(["req", ...ec, "-subj", "/CN=127.0.0.1"], [
      "-keyout",
      `${dir}/beacon.key`,
      "-out",
      `${dir}/beacon.csr`,
    ]);
    await Deno.writeTextFile(
      `${dir}/leaf.ext`,
      "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    );
    await openssl(["x509", "-req", "-in", `${dir}/beacon.csr`, "-days", "2"], [
      ...["-CA", `${dir}/ca.crt`, "-CAkey", `${dir}/ca.key`, "-CAcreateserial"],
      ...["-extfile", `${dir}/leaf.ext`, "-out", `${dir}/beacon.crt`],
    ]);
    this.certificate = await Deno.readTextFile(`${dir}/ca.crt`);
  }

  /** A `fetch` client that trusts the certificate (with `tls`). */
  httpClient(): Deno.HttpClient {
    return Deno.createHttpClient({ caCerts: [this.certificate] });
  }
}

async function openssl(args: string[], files: string[]): Promise<void> {
  const output = await new Deno.Command("openssl", {
    args: [...args, ...files],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!output.success) {
    throw new Error(`openssl ${args[0]} failed: ${new TextDecoder().decode(output.stderr)}`);
  }
}

/** A loopback port that was free a moment ago. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** The process' hard limit of open files, as `ulimit -Hn` says. */
function nofileLimit(): number {
  const output = new Deno.Command("sh", { args: ["-c", "ulimit -Hn"], stdout: "piped" })
    .outputSync();
  const limit = Number(new TextDecoder().decode(output.stdout).trim());
  return Number.isFinite(limit) && limit > 0 ? limit : 1024;
}
