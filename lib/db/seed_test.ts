import assert from "node:assert/strict";
import { formatDashboard } from "../markdown/mod.ts";
import { dbTest } from "./_test_support.ts";
import { exportDashboard } from "./markdown_export.ts";
import { seedDemo } from "./seed.ts";
import { verifyPassword } from "./password.ts";

const demoFile = (name: string) => Deno.readTextFile(new URL(`./demo/${name}`, import.meta.url));

dbTest("seedDemo() imports the demo dashboards exactly as written", async (_, demo) => {
  const acme = await demo.load(demo.acme);
  const globex = await demo.load(demo.globex);
  assert.equal(formatDashboard(exportDashboard(acme)), await demoFile("acme-redis-caching.md"));
  assert.equal(
    formatDashboard(exportDashboard(globex)),
    await demoFile("globex-product-launch.md"),
  );
  assert.equal(acme.project.name, "Redis Caching Implementation");
  assert.deepEqual([acme.progress.done, acme.progress.total, acme.log.length], [16, 26, 9]);
  assert.deepEqual(
    globex.phases.flatMap((p) => p.tasks.map((t) => [t.title, t.status, t.assignee])),
    [
      ["Competitor analysis", "done", "Strategy team"],
      ["Customer interviews", "doing", "Research team"],
      ["Press kit", "todo", "Marketing"],
      ["Launch event", "todo", "Events"],
    ],
  );
  assert.equal(await seedDemo(demo.db), false, "a second seed adds nothing");
});

dbTest("seedDemo() creates the demo people with their roles", async (_, demo) => {
  const people = await demo.db.query<{ email: string; slug: string; role: string; hash: string }>(
    `SELECT u.email, t.slug, m.role, u.password_hash AS hash FROM memberships m
     JOIN users u ON u.id = m.user_id JOIN tenants t ON t.id = m.tenant_id ORDER BY u.email`,
  );
  assert.deepEqual(people.map((p) => [p.email, p.slug, p.role]), [
    ["ada@acme.test", "acme", "owner"],
    ["grace@acme.test", "acme", "member"],
    ["hank@globex.test", "globex", "owner"],
    ["linus@acme.test", "acme", "viewer"],
  ]);
  assert.ok(await verifyPassword("beacon-demo", people[0].hash));
});
