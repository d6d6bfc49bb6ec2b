/**
 * A lean HTTP/1.1 client for the fan-out bench: one keep-alive connection per simulated page,
 * requests written as bytes and answers read by `Content-Length` (or chunks). It sends exactly
 * the request a browser's `fetch` would (method, path, headers, body; `Accept-Encoding: gzip,
 * deflate, br`, and it decodes what comes coded); what it saves is the
 * client's own CPU — Deno's `fetch` builds streams, `Headers` and `Response` objects per
 * request, which for 1,000 pages on the two cores the servers also run on was a third of the
 * machine.
 *
 * @module
 */

import { brotliDecompressSync, gunzipSync } from "node:zlib";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const HEADER_END = [13, 10, 13, 10];

/** An answer: status, lower-cased headers, body text. */
export interface Http1Answer {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/**
 * One connection to `host:port`, opened on first use and again after the server closed it.
 * Requests on it run one after another.
 *
 * @example
 * ```ts ignore
 * const connection = new Http1Connection("127.0.0.1", 8080);
 * const answer = await connection.request("GET", "/healthz", { host: "127.0.0.1:8080" });
 * console.log(answer.status, answer.body);
 * ```
 */
export class Http1Connection {
  #hostname: string;
  #port: number;
  #conn: Deno.Conn | null = null;
  #buffer = new Uint8Array(32 * 1024);
  #length = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(hostname: string, port: number) {
    this.#hostname = hostname;
    this.#port = port;
  }

  /** Sends one request and reads its answer; retried once on a connection the server closed. */
  request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body = "",
  ): Promise<Http1Answer> {
    const run = this.#queue.then(() => this.#send(method, path, headers, body));
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Closes the connection. */
  close(): void {
    this.#conn?.close();
    this.#conn = null;
  }

  async #send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<Http1Answer> {
    const payload = encoder.encode(body);
    let head = `${method} ${path} HTTP/1.1\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    if (method !== "GET") head += `content-length: ${payload.length}\r\n`;
    const bytes = concat([encoder.encode(`${head}\r\n`), payload]);
    for (let attempt = 1;; attempt++) {
      const reused = this.#conn !== null;
      try {
        this.#conn ??= await Deno.connect({ hostname: this.#hostname, port: this.#port });
        await writeAll(this.#conn, bytes);
        return await this.#readAnswer();
      } catch (error) {
        this.close();
        this.#length = 0;
        // A kept-alive connection the server had closed: once more, on a new one.
        if (!reused || attempt > 1) throw error;
      }
    }
  }

  async #readAnswer(): Promise<Http1Answer> {
    let end = -1;
    while ((end = indexOf(this.#buffer, this.#length, HEADER_END)) < 0) await this.#fill();
    const lines = decoder.decode(this.#buffer.subarray(0, end)).split("\r\n");
    const status = Number(lines[0].split(" ")[1]);
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    this.#consume(end + 4);
    let body: Uint8Array;
    if (headers.get("transfer-encoding")?.includes("chunked")) {
      body = await this.#readChunked();
    } else {
      body = await this.#readBytes(Number(headers.get("content-length") ?? 0));
    }
    if (headers.get("connection")?.toLowerCase() === "close") this.close();
    const coding = headers.get("content-encoding");
    if (coding === "br") body = brotliDecompressSync(body);
    else if (coding === "gzip") body = gunzipSync(body);
    return { status, headers, body: decoder.decode(body) };
  }

  async #readChunked(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for (;;) {
      let end = -1;
      while ((end = indexOf(this.#buffer, this.#length, [13, 10])) < 0) await this.#fill();
      const size = parseInt(decoder.decode(this.#buffer.subarray(0, end)), 16);
      this.#consume(end + 2);
      const chunk = await this.#readBytes(size + 2);
      if (size === 0) return concat(parts);
      parts.push(chunk.subarray(0, size));
    }
  }

  async #readBytes(count: number): Promise<Uint8Array> {
    while (this.#length < count) await this.#fill(count);
    const bytes = this.#buffer.slice(0, count);
    this.#consume(count);
    return bytes;
  }

  async #fill(atLeast = 0): Promise<void> {
    if (this.#conn === null) throw new Error("The connection is closed");
    if (this.#buffer.length - this.#length < 16 * 1024 || this.#buffer.length < atLeast) {
      const grown = new Uint8Array(Math.max(this.#buffer.length * 2, atLeast + 16 * 1024));
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
    }
    const read = await this.#conn.read(this.#buffer.subarray(this.#length));
    if (read === null) throw new Error("The server closed the connection");
    this.#length += read;
  }

  #consume(count: number): void {
    this.#buffer.copyWithin(0, count, this.#length);
    this.#length -= count;
  }
}

/**
 * A `fetch` for one page: every request goes over its own connection to `baseUrl`, with
 * `headers` added (the cookie, `Origin`, the simulated client address). Answers carry what
 * the page's store reads: `ok`, `status`, `headers.get()`, `json()`, `text()`.
 *
 * @example
 * ```ts ignore
 * const pageFetch = http1Fetch("http://127.0.0.1:8080", { cookie, origin });
 * const res = await pageFetch("/api/batch", { method: "POST", body: "{}" });
 * ```
 */
export function http1Fetch(baseUrl: string, headers: Record<string, string>): typeof fetch {
  const url = new URL(baseUrl);
  const connection = new Http1Connection(url.hostname, Number(url.port || 80));
  return async (input, init) => {
    // As a browser's fetch: it asks for compressed answers.
    const sent: Record<string, string> = { host: url.host, "accept-encoding": "gzip, deflate, br" };
    new Headers(init?.headers).forEach((value, name) => sent[name] = value);
    Object.assign(sent, headers);
    const answer = await connection.request(
      init?.method ?? "GET",
      String(input),
      sent,
      typeof init?.body === "string" ? init.body : "",
    );
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      headers: { get: (name: string) => answer.headers.get(name.toLowerCase()) ?? null },
      body: null,
      json: () => Promise.resolve(JSON.parse(answer.body)),
      text: () => Promise.resolve(answer.body),
    } as unknown as Response;
  };
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) {
    written += await conn.write(bytes.subarray(written));
  }
}

function indexOf(buffer: Uint8Array, length: number, needle: number[]): number {
  outer: for (let i = 0; i <= length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (buffer[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
