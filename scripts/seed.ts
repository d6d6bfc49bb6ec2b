/** `deno task seed`: loads the demo data into the configured database. */
import { loadConfig } from "../lib/config.ts";
import { connect } from "../lib/db/connection.ts";
import { migrate } from "../lib/db/migrate.ts";
import { seedDemo } from "../lib/db/seed.ts";

const config = loadConfig(Deno.env.toObject(), { serve: false });
const db = await connect({ url: config.databaseUrl, dataDir: config.dataDir, max: 1 });
try {
  const maintenance = db.forMaintenance();
  await migrate(maintenance);
  console.log(
    await seedDemo(maintenance) ? "Seeded the demo data" : "The demo data is already there",
  );
} finally {
  await db.close();
}
