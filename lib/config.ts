/**
 * Configuration, parsed once from the environment with zod.
 *
 * @module
 */
import { z } from "zod";
import { parseRedisUrls } from "./cache/redis_urls.ts";
import { NO_PROXIES, parseTrustedProxies, type TrustedProxies } from "./http/client_address.ts";

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  LISTEN_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  REDIS_URL: z.string().optional(),
  SESSION_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  CACHE_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  METRICS_TOKEN: z.string().min(8, "must be at least 8 characters").optional(),
  TRUSTED_PROXIES: z.string().optional(),
  CACHE: z.enum(["on", "off"]).default("on"),
});

/** The app's configuration. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  /**
   * Where the invalidation bus LISTENs, when `databaseUrl` goes through a pooler in
   * transaction mode (PgBouncer), which cannot hold a LISTEN: a session-mode pooler or the
   * server itself. Unset: `databaseUrl`.
   */
  listenDatabaseUrl?: string;
  dataDir: string;
  /** One `redis://` URL, or several comma-separated: the nodes of a Redis Cluster. */
  redisUrl?: string;
  /** Whether `redisUrl` names a Redis Cluster. */
  redisCluster: boolean;
  sessionSecret?: string;
  cacheKey?: string;
  allowedOrigins: string[];
  metricsToken?: string;
  /** Peers whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed. */
  trustedProxies: TrustedProxies;
  cache: boolean;
}

/** Raised for a configuration value that cannot be used; its message is one line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads the configuration from an environment record.
 *
 * @param env Variables by name, for example `Deno.env.toObject()`.
 * @param options `serve: false` for tools that only migrate or seed, which need no session key.
 * @throws {ConfigError} Naming the first variable that is wrong.
 * @example
 * ```ts
 * const config = loadConfig({ PORT: "8080" });
 * console.log(config.port); // 8080
 * ```
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  options: { serve?: boolean } = {},
): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`Invalid ${name}: ${issue.message}`);
  }
  const c = parsed.data;
  // A server database is shared by instances that must agree on the key, and is never a
  // throwaway: no default key for it (the embedded database keeps one in DATA_DIR).
  if (c.DATABASE_URL && !c.SESSION_SECRET && options.serve !== false) {
    throw new ConfigError(
      "Invalid SESSION_SECRET: required with DATABASE_URL (at least 16 random characters)",
    );
  }
  if (c.LISTEN_DATABASE_URL && !c.DATABASE_URL) {
    throw new ConfigError(
      "Invalid LISTEN_DATABASE_URL: it needs DATABASE_URL (the embedded database listens in process)",
    );
  }
  const origins = (c.ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new ConfigError(
        `Invalid ALLOWED_ORIGINS: "${origin}" is not an origin like https://beacon.example`,
      );
    }
  }
  let redisUrls: string[] = [];
  try {
    redisUrls = c.REDIS_URL ? parseRedisUrls(c.REDIS_URL) : [];
  } catch (error) {
    throw new ConfigError(`Invalid REDIS_URL: ${(error as Error).message.replace(/^.*?: /, "")}`);
  }
  let trustedProxies: TrustedProxies = NO_PROXIES;
  try {
    if (c.TRUSTED_PROXIES) trustedProxies = parseTrustedProxies(c.TRUSTED_PROXIES);
  } catch (error) {
    throw new ConfigError(`Invalid TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    listenDatabaseUrl: c.LISTEN_DATABASE_URL,
    dataDir: c.DATA_DIR,
    redisUrl: c.REDIS_URL,
    redisCluster: redisUrls.length > 1,
    sessionSecret: c.SESSION_SECRET,
    cacheKey: c.CACHE_KEY,
    allowedOrigins: origins,
    metricsToken: c.METRICS_TOKEN,
    trustedProxies,
    cache: c.CACHE === "on",
  };
}
