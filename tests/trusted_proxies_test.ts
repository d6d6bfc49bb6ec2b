/**
 * `TRUSTED_PROXIES` both ways, with the shipped nginx in front of three instances over HTTPS
 * and nginx connecting from 127.0.0.2, the only trusted address. Through nginx, Beacon takes
 * the client's address, HTTPS and public origin from its forwarded headers; a client on
 * 127.0.0.1 that reaches an instance directly and sends the same headers is not believed.
 */
import assert from "node:assert/strict";
import { PROXY_ADDRESS, startProxiedBeacon } from "./_proxied.ts";

const FORGED = {
  "x-forwarded-for": "198.51.100.23",
  "x-forwarded-proto": "https",
  "x-forwarded-host": "evil.example",
};

Deno.test("forwarded headers count from nginx (trusted) and not from a direct client", async () => {
  const beacon = await startProxiedBeacon(3);
  const client = beacon.nginx.httpClient();
  const direct = beacon.instances[0].url;
  const signIn = async (
    baseUrl: string,
    password: string,
    headers: Record<string, string>,
  ) => {
    const res = await fetch(`${baseUrl}/login`, {
      client,
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ email: "ada@acme.test", password }),
    });
    await res.body?.cancel();
    return { status: res.status, cookie: res.headers.get("set-cookie") ?? "" };
  };
  const addresses = async () =>
    (await beacon.testDb.db.query<{ key: string }>(
      "SELECT key FROM login_attempts WHERE scope = 'address' ORDER BY key",
    )).map((row) => row.key);
  try {
    // Through nginx: the browser's origin is https://127.0.0.1:<nginx port>, Beacon's request
    // is http://127.0.0.1:<nginx port>; X-Forwarded-Proto says which the browser saw.
    const viaProxy = await signIn(beacon.url, "beacon-demo", { origin: beacon.url });
    assert.equal(viaProxy.status, 303, "signed in through nginx");
    assert.match(viaProxy.cookie, /;\s*Secure/i, "the cookie is Secure: nginx said HTTPS");

    const spoofed = await signIn(beacon.url, "wrong", {
      origin: beacon.url,
      "x-forwarded-for": "203.0.113.50",
    });
    assert.equal(spoofed.status, 401);
    assert.deepEqual(
      await addresses(),
      ["127.0.0.1"],
      "the failure counts against the client's address as nginx saw it: not nginx's " +
        `(${PROXY_ADDRESS}), not the one the client claimed`,
    );

    const foreign = await signIn(beacon.url, "beacon-demo", { origin: "https://evil.example" });
    assert.equal(foreign.status, 403, "another origin is refused behind nginx too");

    // Directly, from 127.0.0.1 (not trusted): the same headers are ignored.
    const forgedOrigin = await signIn(direct, "beacon-demo", {
      ...FORGED,
      origin: "https://evil.example",
    });
    assert.equal(forgedOrigin.status, 403, "X-Forwarded-Host cannot vouch for another origin");
    const publicOrigin = await signIn(direct, "beacon-demo", { origin: beacon.url });
    assert.equal(publicOrigin.status, 403, "nor can a direct client use the public origin");
    const plain = await signIn(direct, "beacon-demo", { ...FORGED, origin: direct });
    assert.equal(plain.status, 303);
    assert.doesNotMatch(plain.cookie, /Secure/i, "X-Forwarded-Proto: https was not believed");
    assert.equal((await signIn(direct, "wrong", { ...FORGED, origin: direct })).status, 401);
    assert.deepEqual(await addresses(), ["127.0.0.1"], "X-Forwarded-For was not believed");

    // /metrics: nginx does not serve it; loopback reaches each instance directly.
    const metricsViaProxy = await fetch(`${beacon.url}/metrics`, { client });
    await metricsViaProxy.body?.cancel();
    assert.equal(metricsViaProxy.status, 404);
    const metricsDirect = await fetch(`${direct}/metrics`);
    await metricsDirect.body?.cancel();
    assert.equal(metricsDirect.status, 200);
  } finally {
    client.close();
    await beacon.close();
  }
});
