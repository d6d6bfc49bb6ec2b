/**
 * The static file server of the page-load benchmark's figure (7): a bare `Deno.serve` that
 * answers the dashboard's URL and its build files with the bytes and headers Beacon sent
 * (captured on the wire), revalidating the page by its `ETag` as a file server would.
 *
 * @module
 */
import { rawGet, type WireResponse } from "./_wire.ts";

/** The script; `$SITE_FILE` holds `{ path: { status, headers, body } }` (body in base64). */
export const STATIC_REPLAY =
  `const site = JSON.parse(Deno.readTextFileSync(Deno.env.get("SITE_FILE")));
const own = ["date", "content-length", "connection", "keep-alive", "transfer-encoding"];
const routes = new Map(Object.entries(site).map(([path, saved]) => {
  const headers = saved.headers.filter(([n]) => !own.includes(n.toLowerCase()));
  const body = Uint8Array.from(atob(saved.body), (c) => c.charCodeAt(0));
  const etag = headers.find(([n]) => n.toLowerCase() === "etag")?.[1] ?? null;
  const kept = headers.filter(([n]) => ["etag", "cache-control", "vary"].includes(n.toLowerCase()));
  return [path, { headers: new Headers(headers), body, etag, kept: new Headers(kept) }];
}));
Deno.serve({ hostname: Deno.env.get("HOST"), port: Number(Deno.env.get("PORT")), onListen() {} },
  (req) => {
    const route = routes.get(new URL(req.url).pathname);
    if (!route) return new Response("Not Found", { status: 404 });
    const held = req.headers.get("if-none-match");
    if (route.etag && held && held.split(",").map((t) => t.trim()).includes(route.etag)) {
      return new Response(null, { status: 304, headers: route.kept });
    }
    return new Response(route.body, { headers: route.headers });
  });
`;

/** Captures each path from `origin` as a browser asks for it, and saves the site for the script. */
export async function captureSite(
  origin: string,
  paths: readonly string[],
  headers: Record<string, string>,
): Promise<string> {
  const site: Record<string, { headers: [string, string][]; body: string }> = {};
  for (const path of paths) {
    const response: WireResponse = await rawGet(origin, path, headers);
    if (response.status !== 200) throw new Error(`Capturing ${path} answered ${response.status}`);
    let binary = "";
    for (const byte of response.body) binary += String.fromCharCode(byte);
    site[path] = { headers: response.headers, body: btoa(binary) };
  }
  const file = await Deno.makeTempFile({ prefix: "beacon-site-", suffix: ".json" });
  await Deno.writeTextFile(file, JSON.stringify(site));
  return file;
}
