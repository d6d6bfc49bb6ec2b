import assert from "node:assert/strict";
import { createTestDb } from "../../tests/_db.ts";
import type { Db } from "./connection.ts";
import { RELATIONSHIPS, TRIGGERS_SINCE } from "./relationships.ts";
import {
  flagsTopic,
  membersTopic,
  projectListTopic,
  projectTopic,
  sessionTopic,
  tenantTopic,
  TOPICS,
  userTopic,
} from "../model/topics.ts";

Deno.test("RELATIONSHIPS uses exactly the declared kinds of topic", () => {
  const used = new Set(Object.values(RELATIONSHIPS).flatMap((rules) => rules.map((r) => r.kind)));
  assert.deepEqual([...used].sort(), Object.keys(TOPICS).sort());
});

Deno.test("RELATIONSHIPS maps invitations to the tenant's members", () => {
  assert.deepEqual(RELATIONSHIPS.invitations.map((rule) => rule.kind), ["members"]);
});

Deno.test("RELATIONSHIPS maps every project child to its project", () => {
  const children = [
    "phases",
    "metrics",
    "risks",
    "milestones",
    "log_entries",
    "accomplishments",
    "action_groups",
    "action_items",
    "blockers",
  ];
  for (const table of children) {
    assert.deepEqual(RELATIONSHIPS[table].map((rule) => rule.kind), ["project"]);
  }
});

/** The topics a write bumped, sorted; a topic bumped twice appears twice. */
async function bumpedBy(db: Db, write: () => Promise<unknown>): Promise<string[]> {
  const [before] = await db.query<{ seq: unknown }>(
    "SELECT coalesce(max(seq), 0) AS seq FROM cache_events",
  );
  await write();
  const rows = await db.query<{ topic: string }>(
    "SELECT topic FROM cache_events WHERE seq > $1 ORDER BY topic",
    [before.seq],
  );
  return rows.map((row) => row.topic);
}

interface Fixture {
  tenant: string;
  project: string;
  otherProject: string;
  task: string;
  user: string;
}

async function fixture(db: Db): Promise<Fixture> {
  const [row] = await db.query<Omit<Fixture, "otherProject">>(
    `SELECT t.id AS tenant, p.id AS project, k.id AS task, u.id AS "user"
     FROM tenants t JOIN projects p ON p.tenant_id = t.id JOIN tasks k ON k.project_id = p.id
     JOIN memberships m ON m.tenant_id = t.id JOIN users u ON u.id = m.user_id
     WHERE t.slug = 'acme' AND u.email = 'ada@acme.test' LIMIT 1`,
  );
  const [other] = await db.query<{ id: string }>(
    "INSERT INTO projects (tenant_id, name) VALUES ($1, 'Second') RETURNING id",
    [row.tenant],
  );
  return { ...row, otherProject: other.id };
}

/** Writes to each table of `TRIGGERS_SINCE` bump exactly its declared topics. */
async function checkLaterTables(db: Db, f: Fixture): Promise<void> {
  const project = [projectTopic(f.project)];
  const scope = [f.tenant, f.project];
  const [group] = await db.query<{ id: string }>(
    `INSERT INTO action_groups (tenant_id, project_id, title, position)
     VALUES ($1, $2, 'Spare', 90) RETURNING id`,
    scope,
  );
  const byProject = (table: string) => ({
    update: `UPDATE ${table} SET position = position + 1 WHERE project_id = $1`,
    updateParams: [f.project],
    topics: project,
  });
  const cases = [
    {
      table: "accomplishments",
      insert: `INSERT INTO accomplishments (tenant_id, project_id, title, position)
        VALUES ($1, $2, 'Shipped', 90)`,
      params: scope,
      ...byProject("accomplishments"),
    },
    {
      table: "action_items",
      insert: `INSERT INTO action_items (tenant_id, project_id, group_id, text, position)
        VALUES ($1, $2, $3, 'Call ops', 0)`,
      params: [...scope, group.id],
      ...byProject("action_items"),
    },
    {
      table: "action_groups",
      insert: `INSERT INTO action_groups (tenant_id, project_id, title, position)
        VALUES ($1, $2, 'Later', 91)`,
      params: scope,
      ...byProject("action_groups"),
    },
    {
      table: "blockers",
      insert: `INSERT INTO blockers (tenant_id, project_id, text, position)
        VALUES ($1, $2, 'Waiting on ops', 90)`,
      params: scope,
      ...byProject("blockers"),
    },
    {
      table: "invitations",
      insert: `INSERT INTO invitations (tenant_id, user_id, token_hash, role, expires_at)
        VALUES ($1, $2, 'h4sh', 'member', now())`,
      params: [f.tenant, f.user],
      update: "UPDATE invitations SET used_at = now() WHERE tenant_id = $1",
      updateParams: [f.tenant],
      topics: [membersTopic(f.tenant)],
    },
  ];
  assert.deepEqual(cases.map((c) => c.table).sort(), Object.keys(TRIGGERS_SINCE).sort());
  for (const c of cases) {
    const inserted = await bumpedBy(db, () => db.query(c.insert, c.params));
    assert.deepEqual(inserted, c.topics, `an insert into ${c.table}`);
    const updated = await bumpedBy(db, () => db.query(c.update, c.updateParams));
    assert.deepEqual(updated, c.topics, `an update of ${c.table}`);
  }
  const deleted = await bumpedBy(db, () => db.query("DELETE FROM blockers"));
  assert.deepEqual(deleted, project, "a delete from blockers");
  for (const c of cases) {
    if (c.table === "blockers") continue;
    // action_items is empty by now, yet refers to action_groups.
    const cascade = c.table === "action_groups" ? " CASCADE" : "";
    const truncated = await bumpedBy(db, () => db.query(`TRUNCATE ${c.table}${cascade}`));
    assert.deepEqual(truncated, c.topics, `a TRUNCATE of ${c.table}`);
  }
}

for (const kind of ["postgres", "pglite"] as const) {
  Deno.test(`triggers bump exactly the declared topics (${kind})`, async (t) => {
    const test = await createTestDb({ kind });
    const db = test.db;
    try {
      const f = await fixture(db);
      const project = projectTopic(f.project);
      const list = projectListTopic(f.tenant);

      await t.step("a task update bumps its project and the project list", async () => {
        const topics = await bumpedBy(
          db,
          () => db.query("UPDATE tasks SET status = 'doing' WHERE id = $1", [f.task]),
        );
        assert.deepEqual(topics, [project, list].sort());
      });
      await t.step("a task moved between projects bumps both", async () => {
        const topics = await bumpedBy(
          db,
          () =>
            db.query("UPDATE tasks SET project_id = $2 WHERE id = $1", [f.task, f.otherProject]),
        );
        assert.deepEqual(topics, [project, projectTopic(f.otherProject), list].sort());
      });
      await t.step("a task delete bumps its (new) project and the list", async () => {
        const topics = await bumpedBy(
          db,
          () => db.query("DELETE FROM tasks WHERE id = $1", [f.task]),
        );
        assert.deepEqual(topics, [projectTopic(f.otherProject), list].sort());
      });
      await t.step("many rows in one transaction bump each topic once", async () => {
        const topics = await bumpedBy(db, () =>
          db.transaction(async (tx) => {
            await tx.query("UPDATE metrics SET current = current || '!' WHERE project_id = $1", [
              f.project,
            ]);
            await tx.query("UPDATE phases SET timeframe = 'soon' WHERE project_id = $1", [
              f.project,
            ]);
            await tx.query("UPDATE team_assignments SET progress = 50 WHERE project_id = $1", [
              f.project,
            ]);
          }));
        assert.deepEqual(topics, [project]);
      });
      await t.step("risks, milestones and the log bump their project", async () => {
        const insertRisk = `INSERT INTO risks (tenant_id, project_id, title, impact, probability,
          position) VALUES ($1, $2, 'Fire', 'high', 'low', 90) RETURNING id`;
        const [risk] = await db.query<{ id: string }>(insertRisk, [f.tenant, f.project]);
        for (
          const sql of [
            "UPDATE risks SET mitigation = 'water' WHERE id = $1",
            "DELETE FROM risks WHERE id = $1",
          ]
        ) {
          assert.deepEqual(await bumpedBy(db, () => db.query(sql, [risk.id])), [project]);
        }
        assert.deepEqual(
          await bumpedBy(
            db,
            () =>
              db.query("UPDATE milestone_items SET done = NOT done WHERE project_id = $1", [
                f.project,
              ]),
          ),
          [project],
        );
        assert.deepEqual(
          await bumpedBy(db, () =>
            db.query(
              `INSERT INTO log_entries (tenant_id, project_id, author, text, position)
               VALUES ($1, $2, 'a', 'b', 900)`,
              [f.tenant, f.project],
            )),
          [project],
        );
      });
      await t.step(
        "the tables added later bump their topics on insert, update, delete and TRUNCATE",
        () => checkLaterTables(db, f),
      );
      await t.step(
        "SET CONSTRAINTS ALL IMMEDIATE still bumps each statement's topics",
        async () => {
          const topics = await bumpedBy(db, () =>
            db.transaction(async (tx) => {
              await tx.query("SET CONSTRAINTS ALL IMMEDIATE");
              await tx.query("UPDATE phases SET timeframe = 'now' WHERE project_id = $1", [
                f.project,
              ]);
              await tx.query("UPDATE projects SET owner = 'Ada' WHERE id = $1", [f.otherProject]);
            }));
          // Flushed row by row in this mode, so a topic may be bumped more than once.
          const distinct = [...new Set(topics)];
          assert.deepEqual(distinct, [project, projectTopic(f.otherProject), list].sort());
        },
      );
      await t.step("a project update bumps the project and the list", async () => {
        const topics = await bumpedBy(
          db,
          () => db.query("UPDATE projects SET health = 'red' WHERE id = $1", [f.project]),
        );
        assert.deepEqual(topics, [project, list].sort());
      });
      await t.step("a membership bumps its user and the tenant's members", async () => {
        const topics = await bumpedBy(
          db,
          () =>
            db.query(
              "UPDATE memberships SET role = 'admin' WHERE user_id = $1 AND tenant_id = $2",
              [
                f.user,
                f.tenant,
              ],
            ),
        );
        assert.deepEqual(topics, [membersTopic(f.tenant), userTopic(f.user)].sort());
      });
      await t.step("users and preferences bump the user", async () => {
        for (
          const sql of [
            "UPDATE users SET name = 'Ada L.' WHERE id = $1",
            "UPDATE user_preferences SET theme = 'dark' WHERE user_id = $1",
          ]
        ) {
          assert.deepEqual(await bumpedBy(db, () => db.query(sql, [f.user])), [userTopic(f.user)]);
        }
      });
      await t.step("a session insert and revoke bump the session", async () => {
        const insert = `INSERT INTO sessions (id_hash, user_id, tenant_id, expires_at)
          VALUES ('h4sh', $1, $2, now() + interval '1 day')`;
        const topic = sessionTopic("h4sh");
        assert.deepEqual(await bumpedBy(db, () => db.query(insert, [f.user, f.tenant])), [topic]);
        const revoke = "UPDATE sessions SET revoked_at = now() WHERE id_hash = 'h4sh'";
        assert.deepEqual(await bumpedBy(db, () => db.query(revoke)), [topic]);
      });
      await t.step("global flags bump flags:*, a tenant's flags its own topic", async () => {
        const global = "UPDATE feature_flags SET enabled = NOT enabled WHERE tenant_id IS NULL";
        const globalTopics = await bumpedBy(db, () => db.query(global));
        assert.deepEqual(globalTopics, [flagsTopic(null)]);
        const mine = "INSERT INTO feature_flags (tenant_id, key) VALUES ($1, 'mine')";
        assert.deepEqual(await bumpedBy(db, () => db.query(mine, [f.tenant])), [
          flagsTopic(f.tenant),
        ]);
      });
      await t.step("a tenant rename bumps the tenant", async () => {
        const topics = await bumpedBy(
          db,
          () => db.query("UPDATE tenants SET name = 'Acme Inc' WHERE id = $1", [f.tenant]),
        );
        assert.deepEqual(topics, [tenantTopic(f.tenant)]);
      });
      await t.step("an update that changes nothing bumps nothing", async () => {
        const topics = await bumpedBy(
          db,
          () => db.query("UPDATE projects SET health = health WHERE id = $1", [f.project]),
        );
        assert.deepEqual(topics, []);
      });
      await t.step("a rolled-back write bumps nothing", async () => {
        const before = await db.query("SELECT topic, version FROM cache_versions ORDER BY topic");
        await assert.rejects(() =>
          db.transaction(async (tx) => {
            await tx.query("UPDATE projects SET health = 'green' WHERE id = $1", [f.project]);
            throw new Error("Abort");
          })
        );
        const after = await db.query("SELECT topic, version FROM cache_versions ORDER BY topic");
        assert.deepEqual(after, before);
      });
      await t.step("versions grow by one per transaction and record the tenant", async () => {
        const read = () =>
          db.query<{ version: unknown; tenant_id: string }>(
            "SELECT version, tenant_id FROM cache_versions WHERE topic = $1",
            [project],
          );
        const [before] = await read();
        await db.query("UPDATE projects SET health = 'yellow' WHERE id = $1", [f.project]);
        const [after] = await read();
        assert.equal(Number(after.version), Number(before.version) + 1);
        assert.equal(after.tenant_id, f.tenant);
      });
    } finally {
      await test.drop();
    }
  });
}
