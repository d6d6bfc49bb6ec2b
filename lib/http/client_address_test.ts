import assert from "node:assert/strict";
import { Hono } from "hono";
import { clientAddress, isHttps, NO_PROXIES, parseTrustedProxies } from "./client_address.ts";

function peer(hostname: string) {
  return { remoteAddr: { transport: "tcp", hostname, port: 40000 } };
}

function probe(proxies = NO_PROXIES) {
  return new Hono().get(
    "/",
    (c) => c.json({ address: clientAddress(c, proxies), https: isHttps(c, proxies) }),
  );
}

Deno.test("parseTrustedProxies() reads addresses and CIDR ranges of both families", () => {
  const proxies = parseTrustedProxies(" 10.0.0.0/8, 192.168.1.7 ,::1, fd00::/8, ::ffff:172.16.0.1");
  for (const inside of ["10.255.0.1", "192.168.1.7", "::1", "fd12:3456::1", "172.16.0.1"]) {
    assert.ok(proxies.has(inside), inside);
  }
  for (const outside of ["11.0.0.1", "192.168.1.8", "::2", "fe80::1", "not-an-ip", ""]) {
    assert.ok(!proxies.has(outside), outside);
  }
  assert.ok(parseTrustedProxies("0.0.0.0/0").has("203.0.113.9"));
  assert.ok(!parseTrustedProxies("").has("127.0.0.1"));
  for (const bad of ["10.0.0.0/33", "300.1.1.1", "10.0.0/8", "::1/129", "a::b::c", "1.2.3.4/x"]) {
    assert.throws(() => parseTrustedProxies(bad), RangeError, bad);
  }
});

Deno.test("clientAddress() believes X-Forwarded-For only from a trusted proxy", async () => {
  const headers = { "x-forwarded-for": "198.51.100.1, 203.0.113.9", "x-forwarded-proto": "https" };
  const direct = await probe().request("http://x/", { headers }, peer("203.0.113.50"));
  assert.deepEqual(await direct.json(), { address: "203.0.113.50", https: false });
  const proxies = parseTrustedProxies("10.0.0.2");
  const proxied = await probe(proxies).request("http://x/", { headers }, peer("10.0.0.2"));
  assert.deepEqual(await proxied.json(), { address: "203.0.113.9", https: true });
  const chained = await probe(parseTrustedProxies("10.0.0.0/8")).request("http://x/", {
    headers: { "x-forwarded-for": "198.51.100.1, 10.0.0.9" },
  }, peer("10.0.0.2"));
  assert.equal((await chained.json()).address, "198.51.100.1", "trusted hops are skipped");
  const bare = await probe(proxies).request("http://x/", {}, peer("10.0.0.2"));
  assert.equal((await bare.json()).address, "10.0.0.2", "no header: the proxy itself");
  const inProcess = await probe(proxies).request("http://x/");
  assert.deepEqual(await inProcess.json(), { address: null, https: false });
  const tls = await probe().request("https://x/", {}, peer("203.0.113.50"));
  assert.equal((await tls.json()).https, true);
});
