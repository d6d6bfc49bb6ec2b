/**
 * Beacon as it runs in production, on one machine: several instances on free ports over one
 * fresh PostgreSQL database, nginx in front (`deploy/nginx.conf`, see `_nginx.ts`), and
 * `TRUSTED_PROXIES` naming only the address nginx connects from.
 *
 * @module
 */
import { loadConfig } from "../lib/config.ts";
import { type Server, startServer } from "../lib/server/server.ts";
import { createTestDb, TEST_SESSION_SECRET, type TestDb } from "./_db.ts";
import { NginxFixture } from "./_nginx.ts";

/** The address nginx connects to the instances from, and the only trusted proxy. */
export const PROXY_ADDRESS = "127.0.0.2";

/** Instances behind nginx. */
export interface ProxiedBeacon {
  nginx: NginxFixture;
  /** The public URL: nginx's. */
  url: string;
  instances: Server[];
  testDb: TestDb;
  close(): Promise<void>;
}

/**
 * Starts `count` instances and nginx in front of them.
 *
 * @example
 * ```ts ignore
 * const beacon = await startProxiedBeacon(3);
 * try {
 *   await fetch(`${beacon.url}/login`, { client: beacon.nginx.httpClient() });
 * } finally {
 *   await beacon.close();
 * }
 * ```
 */
export async function startProxiedBeacon(
  count: number,
  env: Record<string, string> = {},
): Promise<ProxiedBeacon> {
  const testDb = await createTestDb({ seed: true });
  const instances: Server[] = [];
  let nginx: NginxFixture | undefined;
  const close = async () => {
    await nginx?.stop();
    for (const server of instances) await server.close();
    await testDb.drop().catch(() => {});
  };
  try {
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: testDb.url!,
      SESSION_SECRET: TEST_SESSION_SECRET,
      TRUSTED_PROXIES: PROXY_ADDRESS,
      ...env,
    });
    for (let i = 0; i < count; i++) instances.push(await startServer(config, { seed: false }));
    nginx = new NginxFixture({
      upstreams: instances.map((server) => new URL(server.url).host),
      bindAddress: PROXY_ADDRESS,
    });
    await nginx.start();
    return { nginx, url: nginx.url, instances, testDb, close };
  } catch (error) {
    await close();
    throw error;
  }
}
