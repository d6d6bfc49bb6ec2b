/**
 * What a response looks like on the wire, for the load test's scenario (f): one raw HTTP/1.1
 * exchange over a socket (so no client decodes the body), and the bare `Deno.serve` script
 * that answers every request with exactly those bytes and headers.
 *
 * @module
 */

/** A response as it was sent: status, header fields in order, the body's bytes as sent. */
export interface WireResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
  /** Bytes of the whole response: status line, header fields and body. */
  wireBytes: number;
}

/**
 * Sends one GET over a fresh connection and reads the raw response (the server must send
 * `Content-Length`, as `Deno.serve` does for a byte body).
 *
 * @example
 * ```ts ignore
 * const res = await rawGet("http://127.0.0.1:8000", "/", { "Accept-Encoding": "gzip" });
 * ```
 */
export async function rawGet(
  origin: string,
  path: string,
  headers: Record<string, string>,
): Promise<WireResponse> {
  const { hostname, port } = new URL(origin);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    const lines = [`GET ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, "Connection: close"];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    await conn.write(new TextEncoder().encode(lines.join("\r\n") + "\r\n\r\n"));
    const chunks: Uint8Array[] = [];
    const buffer = new Uint8Array(64 * 1024);
    for (let n = await conn.read(buffer); n !== null; n = await conn.read(buffer)) {
      chunks.push(buffer.slice(0, n));
    }
    const all = new Uint8Array(chunks.reduce((sum, c) => sum + c.byteLength, 0));
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.byteLength;
    }
    return parseResponse(all);
  } finally {
    try {
      conn.close();
    } catch {
      // closed by the server already
    }
  }
}

function parseResponse(all: Uint8Array): WireResponse {
  const text = new TextDecoder("latin1").decode(all);
  const end = text.indexOf("\r\n\r\n");
  if (end === -1) throw new Error("The response has no end of headers");
  const [statusLine, ...fields] = text.slice(0, end).split("\r\n");
  const status = Number(statusLine.split(" ")[1]);
  const headers = fields.map((line): [string, string] => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
  const declared = headers.find(([n]) => n.toLowerCase() === "content-length")?.[1];
  const length = status === 304 ? 0 : Number(declared);
  if (!Number.isFinite(length)) throw new Error("The response has no Content-Length");
  const body = all.slice(end + 4, end + 4 + length);
  return { status, headers, body, wireBytes: end + 4 + length };
}

/**
 * A bare `Deno.serve` script answering every request with the response saved at
 * `$RESPONSE_FILE` (JSON: headers, base64 body) — the same bytes and headers, less those
 * `Deno.serve` adds itself (`date`, `content-length`) and the capture's `connection: close`.
 */
export const BARE_REPLAY =
  `const saved = JSON.parse(Deno.readTextFileSync(Deno.env.get("RESPONSE_FILE")));
const body = Uint8Array.from(atob(saved.body), (c) => c.charCodeAt(0));
const own = ["date", "content-length", "connection", "keep-alive", "transfer-encoding"];
const headers = new Headers(saved.headers.filter(([n]) => !own.includes(n.toLowerCase())));
Deno.serve({ hostname: Deno.env.get("HOST"), port: Number(Deno.env.get("PORT")), onListen() {} },
  () => new Response(body, { headers }));
`;

/**
 * Saves a response for {@linkcode BARE_REPLAY}.
 *
 * @returns The file's path.
 */
export async function saveResponse(response: WireResponse): Promise<string> {
  const file = await Deno.makeTempFile({ prefix: "beacon-response-", suffix: ".json" });
  let binary = "";
  for (const byte of response.body) binary += String.fromCharCode(byte);
  await Deno.writeTextFile(file, JSON.stringify({ headers: response.headers, body: btoa(binary) }));
  return file;
}
