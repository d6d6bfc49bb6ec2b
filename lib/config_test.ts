import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "./config.ts";

Deno.test("loadConfig() refuses a value it cannot use, naming the variable", () => {
  const refused: [Record<string, string>, RegExp][] = [
    [{ PORT: "70000" }, /^Invalid PORT: /],
    [{ CACHE_KEY: "short" }, /^Invalid CACHE_KEY: must be at least 16 characters$/],
    [{ CACHE: "maybe" }, /^Invalid CACHE: /],
    [
      { ALLOWED_ORIGINS: "https://a.example, https://b.example/app" },
      /"https:\/\/b\.example\/app"/,
    ],
    [{ ALLOWED_ORIGINS: "not a url" }, /^Invalid ALLOWED_ORIGINS: "not a url" is not an origin/],
    [{ REDIS_URL: "http://cache.example:6379" }, /^Invalid REDIS_URL: /],
    [{ TRUSTED_PROXIES: "10.0.0.300" }, /^Invalid TRUSTED_PROXIES: /],
  ];
  for (const [env, message] of refused) {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && message.test(error.message),
      JSON.stringify(env),
    );
  }
});

Deno.test("loadConfig() reads origins and ignores empty variables", () => {
  const config = loadConfig({
    ALLOWED_ORIGINS: " https://a.example ,https://b.example:8443,",
    PORT: "",
    CACHE: "off",
  });
  assert.deepEqual(config.allowedOrigins, ["https://a.example", "https://b.example:8443"]);
  assert.equal(config.port, 8000);
  assert.equal(config.cache, false);
});
