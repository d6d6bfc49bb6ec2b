/**
 * Beacon's composition root: `deno task start`.
 *
 * @module
 */
import { ConfigError, loadConfig } from "./lib/config.ts";
import { startServer } from "./lib/server/server.ts";
import { DEMO_PASSWORD } from "./lib/db/demo_data.ts";
import { DEMO_SIGN_INS } from "./lib/db/demo_sign_ins.ts";

async function main(): Promise<void> {
  const started = performance.now();
  let config;
  try {
    config = loadConfig(Deno.env.toObject());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Beacon cannot start: ${error.message}`);
      Deno.exit(1);
    }
    throw error;
  }
  console.log(
    config.databaseUrl
      ? "Database: PostgreSQL at DATABASE_URL"
      : `Database: embedded PGlite in ${config.dataDir}/ (set DATABASE_URL for a server)`,
  );
  let server;
  try {
    server = await startServer(config, { log: (line) => console.log(line) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Beacon cannot start: ${message.split("\n")[0]}`);
    Deno.exit(1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Beacon is listening on ${server.url} (started in ${seconds} s)`);
  if (server.demoSignIns) {
    const logins = DEMO_SIGN_INS.map((login) => `${login.email} (${login.role})`);
    console.log(`Demo sign-ins, password "${DEMO_PASSWORD}": ${logins.join(", ")}`);
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, () => {
      server.close().finally(() => Deno.exit(0));
    });
  }
}

if (import.meta.main) await main();
