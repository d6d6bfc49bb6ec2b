/** `deno task migrate`: applies pending migrations to the configured database. */
import { loadConfig } from "../lib/config.ts";
import { connect } from "../lib/db/connection.ts";
import { migrate } from "../lib/db/migrate.ts";

const config = loadConfig(Deno.env.toObject(), { serve: false });
const db = await connect({ url: config.databaseUrl, dataDir: config.dataDir, max: 1 });
try {
  const applied = await migrate(db.forMaintenance());
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.version).join(", ")}`
      : "The schema is up to date",
  );
} finally {
  await db.close();
}
