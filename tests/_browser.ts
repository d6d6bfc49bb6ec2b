/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core, and a real server on a
 * free port with its own PostgreSQL database.
 *
 * @module
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { loadConfig } from "../lib/config.ts";
import { type Server, startServer } from "../lib/server/server.ts";
import { createTestDb, TEST_SESSION_SECRET, type TestDb } from "./_db.ts";

/** Launches headless Chromium with the flags this machine needs. */
export async function launchBrowser(): Promise<Browser> {
  return await chromium.launch({
    executablePath: Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A server with its database. */
export interface TestServer {
  server: Server;
  testDb: TestDb;
  url: string;
  close(): Promise<void>;
}

/** Starts Beacon on a free port over a fresh, seeded PostgreSQL database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const testDb = await createTestDb({ seed: true });
  await testDb.db.close();
  const config = loadConfig({
    PORT: "0",
    DATABASE_URL: testDb.url,
    SESSION_SECRET: TEST_SESSION_SECRET,
    ...env,
  });
  const server = await startServer(config, { seed: false });
  return {
    server,
    testDb,
    url: server.url,
    async close() {
      await server.close();
      await testDb.drop().catch(() => {});
    },
  };
}

/** Signs in through the login form. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", "beacon-demo");
  await Promise.all([page.waitForURL(`${baseUrl}/`), page.click("button[type=submit]")]);
}

/**
 * Runs `fn` with a fresh server (see {@linkcode startTestServer}) and a launched Chromium, and
 * closes both afterwards, whatever happens.
 */
export async function withServerAndBrowser(
  fn: (t: TestServer, browser: Browser) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const t = await startTestServer(env);
  const browser = await launchBrowser();
  try {
    await fn(t, browser);
  } finally {
    await browser.close();
    await t.close();
  }
}
