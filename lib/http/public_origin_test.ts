import assert from "node:assert/strict";
import { Hono } from "hono";
import { parseTrustedProxies } from "./client_address.ts";
import { publicOrigin } from "./public_origin.ts";
import { sameOrigin } from "./same_origin.ts";
import { HttpError } from "./errors.ts";

const proxies = parseTrustedProxies("10.0.0.2");

function app(): Hono {
  const app = new Hono();
  app.use(sameOrigin({ credentialCookie: "sid", trustedProxies: proxies }));
  app.get("/origin", (c) => c.text(publicOrigin(c, proxies)));
  app.post("/write", (c) => c.text("written"));
  app.onError((error, c) => c.text(error.message, error instanceof HttpError ? 403 : 500));
  return app;
}

function from(hostname: string) {
  return { remoteAddr: { transport: "tcp", hostname, port: 40000 } };
}

/** What nginx sends Beacon for https://beacon.example when it rewrites Host to the upstream. */
const FORWARDED = {
  host: "beacon-upstream:8000",
  "x-forwarded-host": "beacon.example",
  "x-forwarded-proto": "https",
};

Deno.test("publicOrigin() takes X-Forwarded-Proto and -Host from a trusted proxy only", async () => {
  const origin = async (peer: string, headers: Record<string, string>) =>
    await (await app().request("http://beacon-upstream:8000/origin", { headers }, from(peer)))
      .text();
  assert.equal(await origin("10.0.0.2", FORWARDED), "https://beacon.example");
  assert.equal(
    await origin("10.0.0.2", { "x-forwarded-proto": "https", "x-forwarded-host": "b.example:443" }),
    "https://b.example",
    "the default port is dropped, as browsers do",
  );
  assert.equal(
    await origin("203.0.113.9", FORWARDED),
    "http://beacon-upstream:8000",
    "an untrusted peer's forwarded headers are ignored",
  );
  assert.equal(
    await origin("10.0.0.2", {
      "x-forwarded-host": "evil.example/path",
      "x-forwarded-proto": "ftp",
    }),
    "http://beacon-upstream:8000",
    "values that are not a host or http(s) are ignored",
  );
});

Deno.test("sameOrigin() accepts the public origin a trusted proxy forwards, and nobody else's claim", async () => {
  const post = async (peer: string, headers: Record<string, string>) => {
    const res = await app().request("http://beacon-upstream:8000/write", {
      method: "POST",
      headers: { cookie: "sid=1", ...headers },
    }, from(peer));
    await res.body?.cancel();
    return res.status;
  };
  assert.equal(await post("10.0.0.2", { ...FORWARDED, origin: "https://beacon.example" }), 200);
  assert.equal(
    await post("10.0.0.2", { ...FORWARDED, origin: "https://evil.example" }),
    403,
    "another origin is refused behind the proxy too",
  );
  // A client that reaches Beacon directly cannot vouch for its own page's origin.
  const forged = {
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    origin: "https://evil.example",
  };
  assert.equal(await post("203.0.113.9", forged), 403);
  assert.equal(
    await post("203.0.113.9", { origin: "http://beacon-upstream:8000" }),
    200,
    "direct requests are compared with their own URL, as before",
  );
});
