/**
 * Test helpers for the repositories: each test runs on PostgreSQL and on PGlite, against a
 * fresh migrated database seeded with the demo data.
 *
 * @module
 */
import { createTestDb } from "../../tests/_db.ts";
import type { Db } from "./connection.ts";
import type { ProjectScope } from "./project_writes.ts";
import type { ProjectDashboard } from "../model/types.ts";
import { loadProjectDashboard } from "./projects.ts";
import { dayLabel } from "../model/labels.ts";

/** A seeded database and the demo projects' scopes. */
export interface Demo {
  db: Db;
  /** Acme's "Redis Caching Implementation". */
  acme: ProjectScope;
  /** Globex's project. */
  globex: ProjectScope;
  /** Acme's tenant with Globex's project: a scope that must find nothing. */
  foreign: ProjectScope;
  /** Loads a project's dashboard (resolved). */
  load(scope: ProjectScope): Promise<ProjectDashboard>;
}

/**
 * Registers `fn` as one test per database kind, each on a fresh seeded database.
 *
 * @example
 * ```ts ignore
 * dbTest("addPhase() adds a phase at the end", async (t, demo) => { ... });
 * ```
 */
export function dbTest(
  name: string,
  fn: (t: Deno.TestContext, demo: Demo) => Promise<void>,
): void {
  for (const kind of ["postgres", "pglite"] as const) {
    Deno.test(`${name} (${kind})`, async (t) => {
      const test = await createTestDb({ kind });
      try {
        await fn(t, await demoOf(test.db));
      } finally {
        await test.drop();
      }
    });
  }
}

async function demoOf(db: Db): Promise<Demo> {
  const rows = await db.query<{ slug: string; tenant: string; project: string }>(
    `SELECT t.slug, t.id AS tenant, p.id AS project
     FROM tenants t JOIN projects p ON p.tenant_id = t.id ORDER BY t.slug`,
  );
  const scope = (slug: string) => {
    const row = rows.find((r) => r.slug === slug)!;
    return { tenantId: row.tenant, projectId: row.project };
  };
  const acme = scope("acme");
  const globex = scope("globex");
  return {
    db,
    acme,
    globex,
    foreign: { tenantId: acme.tenantId, projectId: globex.projectId },
    async load(s) {
      const dashboard = await loadProjectDashboard(db, s.tenantId, s.projectId);
      if (dashboard === null) throw new Error(`No project ${s.projectId}`);
      return dashboard;
    },
  };
}

const UNSHOWN = new Set(["id", "phaseId", "position"]);

/**
 * What a reader sees of a dashboard: without ids and positions (the lists' order stays), the
 * project's `updatedAt`, log entries' instants and whether their day and time were written or
 * computed (their shown `day` and `time` stay), and a resolved blocker's time of day.
 *
 * @example
 * ```ts ignore
 * assert.deepEqual(shownDashboard(reimported), shownDashboard(original));
 * ```
 */
export function shownDashboard(dashboard: ProjectDashboard): unknown {
  const { updatedAt: _, ...project } = dashboard.project;
  return strip({
    ...dashboard,
    project,
    log: dashboard.log.map(({ at: _, dayLabel: _d, timeLabel: _t, ...entry }) => entry),
    blockers: dashboard.blockers.map((b) => ({
      ...b,
      resolvedAt: b.resolvedAt === null ? null : dayLabel(b.resolvedAt),
    })),
  });
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([key]) => !UNSHOWN.has(key));
  return Object.fromEntries(entries.map(([key, item]) => [key, strip(item)]));
}
