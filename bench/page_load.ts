/**
 * `deno run -A bench/page_load.ts`: the reference dashboard's four front-end targets
 * (`reference/progress-dashboard.md`, "Performance Metrics"), measured in Chromium on Acme's
 * demo dashboard as ada@acme.test, in one run:
 *
 * - "before": Beacon with `CACHE=off` and the `live_updates` and `request_batching` flags off
 *   (rows in `feature_flags`): no cache, no 304s, no live store — a reader reloads to see a
 *   change, and every island renders again;
 * - "after": Beacon with everything on;
 * - a static file server (a bare `Deno.serve`) answering the same page and build files with
 *   the bytes and headers Beacon sent, for figure (7).
 *
 * Seven figures: (1) API calls per page load and per invalidation burst (5 task changes in
 * SQL); (2) navigation timing (`responseEnd`, `domContentLoaded`, `load`), first and repeat
 * visit, medians of `--navigations` each; (3) bytes on the wire, first and repeat visit;
 * (4) the cache hit ratio of a scripted session (sign in, open the dashboard, 10 writes from
 * another browser, back and forth 5 times); (5) island renders per burst; (6) largest
 * contentful paint, repeat visit; (7) repeat-visit `load` against the static server's. Then a
 * profile of where a visit's time goes (script, layout, style, other main-thread tasks). It
 * writes the "Page load" section of `docs/performance.md` and `docs/page-load.svg`.
 *
 * Flags: `--navigations=20`, `--pg=postgres://postgres@127.0.0.1:5432`,
 * `--redis=redis://127.0.0.1:6379` (`none`: in-process store), `--budget=480` seconds (then
 * everything is stopped), `--out=docs/performance.md` (`none` to print only).
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../tests/_browser.ts";
import { TEST_SESSION_SECRET } from "../tests/_db.ts";
import {
  islandCount,
  median,
  profiledVisit,
  renders,
  resourcesSince,
  settle,
  signedInContext,
  type Visit,
  visit,
  type VisitProfile,
  waitForStatus,
} from "./_page_load_browser.ts";
import { writeSection } from "./_doc_section.ts";
import { type Figure, figureChart, figureTable } from "./_page_load_report.ts";
import { createDatabase, run, startScript, stop, stopAll } from "./_servers.ts";
import { captureSite, STATIC_REPLAY } from "./_static_replay.ts";

const ROOT = decodeURIComponent(new URL("..", import.meta.url).pathname);
/** Phase 4's tasks: the burst changes these five. */
const BURST = [
  "Performance testing",
  "User acceptance testing",
  "Documentation completion",
  "Training materials",
  "Full rollout",
];

const { values } = parseArgs({
  args: Deno.args,
  options: {
    navigations: { type: "string", default: "20" },
    pg: { type: "string", default: "postgres://postgres@127.0.0.1:5432" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
    budget: { type: "string", default: "480" },
    out: { type: "string", default: "docs/performance.md" },
  },
});
const NAVIGATIONS = Math.max(1, Number(values.navigations));

/** What one server gave. */
interface Side {
  first: Visit[];
  repeat: Visit[];
  burst: { apiCalls: number; requests: number; bytes: number; renders: number; untouched: number };
  session: { lookups: number; hitRatio: number; answered: number; gets: number };
  profile: { first: VisitProfile[]; repeat: VisitProfile[] };
}

/** Profiled visits per kind and server (see `profiledVisit`). */
const PROFILED = 5;

type Sql = Awaited<ReturnType<typeof createDatabase>>["sql"];

async function signInApi(origin: string, email: string): Promise<string> {
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams({ email, password: "beacon-demo" }),
  });
  await res.body?.cancel();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("beacon_session="));
  if (!cookie) throw new Error(`Signing in as ${email} answered ${res.status} without a cookie`);
  return cookie.split(";")[0];
}

async function scrape(origin: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const sums: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = line.match(/^([a-z_]+)(\{[^}]*\})?\s+([0-9.eE+-]+)$/);
    if (m) sums[m[1]] = (sums[m[1]] ?? 0) + Number(m[3]);
  }
  return sums;
}

/** A server under test: its dashboard's URL, ada's cookie (none for the static server). */
interface Target {
  origin: string;
  url: string;
  cookie: string | null;
}

async function prepare(origin: string): Promise<Target> {
  const cookie = await signInApi(origin, "ada@acme.test");
  const home = await (await fetch(`${origin}/`, { headers: { cookie } })).text();
  const projectId = /\/projects\/([0-9a-f-]{36})/.exec(home)![1];
  return { origin, url: `${origin}/projects/${projectId}`, cookie };
}

/**
 * First and repeat visits to each target, interleaved (one navigation to each in turn), so
 * whatever else the machine does weighs on all of them alike. Returns each target's visits
 * and the page of its repeat visits, left open on the dashboard.
 */
async function interleavedVisits(browser: Browser, targets: readonly Target[]) {
  const first: Visit[][] = targets.map(() => []);
  const repeat: Visit[][] = targets.map(() => []);
  for (let i = 0; i < NAVIGATIONS; i++) {
    for (const [n, target] of targets.entries()) {
      const context = await signedInContext(browser, target.origin, target.cookie);
      first[n].push(await visit(await context.newPage(), target.url));
      await context.close();
    }
  }
  const pages = [];
  for (const target of targets) {
    const context = await signedInContext(browser, target.origin, target.cookie);
    const page = await context.newPage();
    await visit(page, target.url);
    pages.push(page);
  }
  for (let i = 0; i < NAVIGATIONS; i++) {
    for (const [n, target] of targets.entries()) {
      await pages[n].goto(`${target.origin}/`, { waitUntil: "load" }).catch(() => {});
      repeat[n].push(await visit(pages[n], target.url));
    }
  }
  return { first, repeat, pages };
}

/**
 * Where the time of a visit goes: {@linkcode PROFILED} first and repeat visits to each target,
 * interleaved, with the renderer's counters read before and after each.
 */
async function profiles(browser: Browser, targets: readonly Target[]) {
  const out = targets.map(() => ({ first: [] as VisitProfile[], repeat: [] as VisitProfile[] }));
  for (let i = 0; i < PROFILED; i++) {
    for (const [n, target] of targets.entries()) {
      const context = await signedInContext(browser, target.origin, target.cookie);
      out[n].first.push(await profiledVisit(await context.newPage(), target.url));
      const page = await context.newPage();
      await visit(page, target.url);
      await page.goto(`${target.origin}/`, { waitUntil: "load" }).catch(() => {});
      out[n].repeat.push(await profiledVisit(page, target.url));
      await context.close();
    }
  }
  return out;
}

/** The profile table: medians per side and kind of visit. */
function profileTable(before: Side, after: Side): string {
  const ms = (value: number) => `${Math.round(value)} ms`;
  const row = (label: string, visits: VisitProfile[]) => {
    const m = (pick: (p: VisitProfile) => number) => median(visits.map(pick));
    const other = m((p) => p.task - p.script - p.layout - p.style);
    return `| ${label} | ${ms(m((p) => p.load))} | ${ms(m((p) => p.task))} | ` +
      `${ms(m((p) => p.script))} | ${ms(m((p) => p.layout))} | ${ms(m((p) => p.style))} | ` +
      `${ms(other)} |`;
  };
  return [
    "| visit | `load` | main thread busy | script | layout | style | other tasks |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    row("first, before", before.profile.first),
    row("first, after", after.profile.first),
    row("repeat, before", before.profile.repeat),
    row("repeat, after", after.profile.repeat),
  ].join("\n");
}

/** Five task changes in SQL, one statement each, at once; the new statuses. */
async function burst(sql: Sql): Promise<Map<string, string>> {
  const rows = await Promise.all(
    BURST.map((title) =>
      sql`UPDATE tasks SET status = CASE WHEN status = 'doing' THEN 'todo' ELSE 'doing' END
        WHERE title = ${title} RETURNING title, status`
    ),
  );
  return new Map(rows.flat().map((r) => [r.title as string, r.status as string]));
}

/** Visits of the home page and the dashboard, noting the build files and `Accept-Encoding`. */
async function recordAssets(browser: Browser, target: Target) {
  const context = await signedInContext(browser, target.origin, target.cookie);
  const page = await context.newPage();
  const buildPaths = new Set<string>();
  let acceptEncoding = "gzip, deflate, br";
  page.on("request", async (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/_build/")) buildPaths.add(path);
    if (request.resourceType() === "document") {
      acceptEncoding = (await request.allHeaders())["accept-encoding"] ?? acceptEncoding;
    }
  });
  await page.goto(`${target.origin}/`, { waitUntil: "load" });
  await visit(page, target.url);
  await context.close();
  return { buildPaths: [...buildPaths], acceptEncoding };
}

async function measureBurst(
  page: import("playwright-core").Page,
  url: string,
  sql: Sql,
  live: boolean,
): Promise<Side["burst"]> {
  const islands = await islandCount(page);
  const before = await renders(page);
  const { entries } = await resourcesSince(page, 0);
  let apiCalls = 0;
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) apiCalls++;
  });
  const changed = await burst(sql);
  if (!live) {
    // Nothing tells the page: the reader reloads, and every island renders again.
    const reloaded = await visit(page, url);
    const after = await renders(page);
    const total = Object.values(after).reduce((a, b) => a + b, 0);
    const { count } = await resourcesSince(page, 0);
    return {
      apiCalls: reloaded.apiCalls,
      requests: count + 1,
      bytes: reloaded.bytes,
      renders: total,
      untouched: Math.max(islands - 1, total - 1),
    };
  }
  for (const [title, status] of changed) await waitForStatus(page, title, status);
  await settle(page);
  const after = await renders(page);
  const { count, bytes } = await resourcesSince(page, entries);
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const names = new Set([...Object.keys(after), ...Object.keys(before)]);
  const total = [...names].reduce((sum, name) => sum + delta(name), 0);
  const others = total - delta("PhaseCard");
  // One PhaseCard is touched; it renders once per batch that changed it.
  const untouched = others + Math.max(0, delta("PhaseCard") - apiCalls);
  return { apiCalls, requests: count, bytes, renders: total, untouched };
}

async function measureSession(
  browser: Browser,
  origin: string,
  url: string,
  cookie: string,
  live: boolean,
): Promise<Side["session"]> {
  const before = await scrape(origin);
  const ada = await signedInContext(browser, origin, null);
  const page = await ada.newPage();
  let gets = 0, answered = 0;
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith("/_build/") || response.request().method() !== "GET") return;
    gets++;
    const status = response.headers()["cache-status"] ?? "";
    if (response.status() === 304 || /^Beacon; hit/.test(status)) answered++;
  });
  await page.goto(`${origin}/login`);
  await page.fill("input[name=email]", "ada@acme.test");
  await page.fill("input[name=password]", "beacon-demo");
  await Promise.all([page.waitForURL(`${origin}/`), page.click("button[type=submit]")]);
  await visit(page, url);
  const html = await (await fetch(url, { headers: { cookie } })).text();
  const tasks = [
    ...new Set([...html.matchAll(/\/projects\/[0-9a-f-]{36}\/tasks\/([0-9a-f-]{36})/g)]
      .map((m) => m[1])),
  ].slice(0, 5);
  const grace = await signedInContext(browser, origin, await signInApi(origin, "grace@acme.test"));
  for (let i = 0; i < 10; i++) {
    const res = await grace.request.post(`${url}/tasks/${tasks[i % tasks.length]}`, {
      form: { status: i < 5 ? "doing" : "todo" },
      headers: { origin },
      maxRedirects: 0,
    });
    if (res.status() !== 303) throw new Error(`A write answered ${res.status()}`);
    await page.waitForTimeout(100);
  }
  await grace.close();
  await page.waitForTimeout(live ? 500 : 0);
  for (let i = 0; i < 5; i++) {
    await page.goto(`${origin}/`, { waitUntil: "load" });
    await visit(page, url);
  }
  await ada.close();
  const after = await scrape(origin);
  const d = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const hits = d("beacon_cache_hits_total"), misses = d("beacon_cache_misses_total");
  return {
    lookups: hits + misses,
    hitRatio: hits + misses ? hits / (hits + misses) : 0,
    answered,
    gets,
  };
}

function figures(before: Side, after: Side, staticRepeat: Visit[]): Figure[] {
  const m = (side: Side, kind: "first" | "repeat", key: keyof Visit) =>
    median(side[kind].map((v) => v[key] ?? NaN));
  const down = (b: number | null, a: number | null, share: number) =>
    b === null || a === null ? null : b === 0 ? a === 0 : a <= b * (1 - share);
  const rows: Figure[] = [];
  const api = [m(before, "first", "apiCalls"), m(after, "first", "apiCalls")];
  rows.push({
    label: "(1) API calls per page load",
    before: api[0],
    after: api[1],
    target: "−70 %",
    met: down(api[0], api[1], 0.7),
    unit: "",
  });
  rows.push({
    label: "(1) HTTP requests per invalidation burst",
    before: before.burst.requests,
    after: after.burst.requests,
    target: "−70 %",
    met: down(before.burst.requests, after.burst.requests, 0.7),
    unit: "",
  });
  rows.push({
    label: "(1) API calls per invalidation burst",
    before: before.burst.apiCalls,
    after: after.burst.apiCalls,
    target: "",
    met: null,
    unit: "",
    chart: false,
  });
  rows.push({
    label: "(3) bytes per invalidation burst",
    before: before.burst.bytes,
    after: after.burst.bytes,
    target: "",
    met: null,
    unit: "B",
  });
  for (const kind of ["first", "repeat"] as const) {
    for (const key of ["responseEnd", "domContentLoaded", "load"] as const) {
      const b = m(before, kind, key), a = m(after, kind, key);
      rows.push({
        label: `(2) \`${key}\`, ${kind} visit (median)`,
        before: b,
        after: a,
        target: key === "load" ? "−50 %" : "",
        met: key === "load" ? down(b, a, 0.5) : null,
        unit: "ms",
      });
    }
  }
  for (const kind of ["first", "repeat"] as const) {
    rows.push({
      label: `(3) bytes on the wire, ${kind} visit`,
      before: m(before, kind, "bytes"),
      after: m(after, kind, "bytes"),
      target: kind === "repeat" ? "the page's 304 only" : "",
      met: kind === "repeat" ? m(after, kind, "bytes") < 2000 : null,
      unit: "B",
    });
  }
  rows.push({
    label: "(4) cache hit ratio, scripted session",
    before: 100 * before.session.hitRatio,
    after: 100 * after.session.hitRatio,
    target: "≥ 99 % (reference: 80 %)",
    met: after.session.hitRatio >= 0.99,
    unit: "%",
    higherIsBetter: true,
    chart: false,
  });
  rows.push({
    label: "(5) renders per burst (islands and phase cards)",
    before: before.burst.renders,
    after: after.burst.renders,
    target: "−60 %",
    met: down(before.burst.renders, after.burst.renders, 0.6),
    unit: "",
  });
  rows.push({
    label: "(5) renders of islands the burst does not touch",
    before: before.burst.untouched,
    after: after.burst.untouched,
    target: "0",
    met: after.burst.untouched === 0,
    unit: "",
  });
  rows.push({
    label: "(6) largest contentful paint, repeat visit",
    before: m(before, "repeat", "lcp"),
    after: m(after, "repeat", "lcp"),
    target: "",
    met: null,
    unit: "ms",
  });
  const staticLoad = median(staticRepeat.map((v) => v.load));
  const afterLoad = m(after, "repeat", "load");
  rows.push({
    label: "(7) repeat-visit `load`: Beacon (after) vs static server (before column)",
    before: staticLoad,
    after: afterLoad,
    target: "≤ 1.5× static",
    met: afterLoad <= 1.5 * staticLoad,
    unit: "ms",
    chart: false,
  });
  return rows;
}

function section(rows: Figure[], before: Side, after: Side, staticRepeat: Visit[]): string {
  const s = (side: Side) =>
    `${side.session.answered} of ${side.session.gets} GETs answered from cache (304 or ` +
    `\`Cache-Status: hit\`), ${side.session.lookups} cache lookups`;
  const ratio = median(after.repeat.map((v) => v.load)) /
    median(staticRepeat.map((v) => v.load));
  return `## Page load (Chromium)

\`deno run -A bench/page_load.ts\` (\`bench/page_load.ts\`, also \`deno task page-load\`) measures the reference
dashboard's front-end targets in Chromium on Acme's dashboard as ada@acme.test, in one run. "Before"
is Beacon with \`CACHE=off\` and the \`live_updates\` and \`request_batching\` flags off (a reader
reloads to see a change); "after" is everything on. Medians of ${NAVIGATIONS} navigations;
first visits in a fresh browser context each, repeat visits in one context after visiting
the home page, one navigation to each server in turn (so the machine's other work weighs on
all alike). The session (4) starts right after one visit loaded the dashboard (a fresh
server's first loads are not part of it). A burst is 5 task changes in SQL, one statement
each; "before" has no live store, so the reader reloads to see them. Re-running it replaces
this section and \`docs/page-load.svg\`.

Last run (${
    new Date().toISOString().slice(0, 16).replace("T", " ")
  } UTC): Deno ${Deno.version.deno},
${navigator.hardwareConcurrency} CPUs shared with other work and with Chromium, PostgreSQL and
Redis on the same machine: absolute times are lower bounds.

${figureTable(rows)}

Session (4): before ${s(before)}; after ${s(after)}. Figure (7): Beacon's repeat-visit
\`load\` is ${ratio.toFixed(2)}× the static server's (the same page and build files, same
bytes and headers, a bare \`Deno.serve\`).

![Before and after per metric](page-load.svg)

Where a visit's time goes, from Chromium's own counters (\`Performance.getMetrics\`), medians of
${PROFILED} profiled visits per row, from the navigation until the page settled (hydrated, then
200 ms idle, so the busy time can exceed \`load\`): script is JavaScript running (module
evaluation, hydration, the store), "other tasks" is the rest of the main thread's work (parsing
the HTML, compiling modules, painting). The server's share is \`responseEnd\` above.

${profileTable(before, after)}
`;
}

async function main(): Promise<void> {
  const budget = setTimeout(() => {
    console.error(`Out of time (--budget=${values.budget} s): stopping`);
    stopAll();
    Deno.exit(2);
  }, Number(values.budget) * 1000);
  const dbs = await Promise.all([createDatabase(values.pg!), createDatabase(values.pg!)]);
  const [dbBefore, dbAfter] = dbs;
  let browser: Browser | null = null;
  const temporary: string[] = [];
  try {
    const env = (url: string, cache: string): Record<string, string> => ({
      DATABASE_URL: url,
      SESSION_SECRET: TEST_SESSION_SECRET,
      CACHE: cache,
      ...(values.redis === "none" ? {} : { REDIS_URL: values.redis! }),
    });
    console.log("Seeding two databases");
    await Promise.all(dbs.map((db) => run(Deno.execPath(), ["task", "seed"], env(db.url, "on"))));
    await dbBefore.sql`INSERT INTO feature_flags (tenant_id, key, enabled, rollout_percent)
      SELECT id, k, false, 100 FROM tenants, unnest(ARRAY['live_updates', 'request_batching']) k`;
    console.log("Starting before (CACHE=off, live_updates and request_batching off) and after");
    const servers = [
      await startScript("main.ts", env(dbBefore.url, "off"), "/login"),
      await startScript("main.ts", env(dbAfter.url, "on"), "/login"),
    ];
    const before = await prepare(servers[0].origin);
    const after = await prepare(servers[1].origin);
    browser = await launchBrowser();

    console.log("Static server: the page and build files as Beacon sent them");
    await visit(
      await (await signedInContext(browser, before.origin, before.cookie)).newPage(),
      before.url,
    );
    const { buildPaths, acceptEncoding } = await recordAssets(browser, after);
    const path = new URL(after.url).pathname;
    // The home page too: repeat visits come from it, on every server.
    const site = await captureSite(after.origin, ["/", path, ...buildPaths], {
      Cookie: after.cookie!,
      "Accept-Encoding": acceptEncoding,
    });
    const bare = await Deno.makeTempFile({ prefix: "beacon-static-", suffix: ".ts" });
    temporary.push(site, bare);
    await Deno.writeTextFile(bare, STATIC_REPLAY);
    const statics = await startScript(bare, { SITE_FILE: site }, path);
    const staticTarget: Target = {
      origin: statics.origin,
      url: statics.origin + path,
      cookie: null,
    };

    console.log("Session (4), after then before");
    // The after server's values were loaded by the visit just made, within their TTL (60 s).
    const afterSession = await measureSession(
      browser,
      after.origin,
      after.url,
      after.cookie!,
      true,
    );
    const beforeSession = await measureSession(
      browser,
      before.origin,
      before.url,
      before.cookie!,
      false,
    );

    console.log(`Visits: ${NAVIGATIONS} first and ${NAVIGATIONS} repeat to each, interleaved`);
    const { first, repeat, pages } = await interleavedVisits(browser, [
      before,
      after,
      staticTarget,
    ]);

    console.log(`Profiles: ${PROFILED} first and repeat visits to before and after`);
    const [profileBefore, profileAfter] = await profiles(browser, [before, after]);

    console.log("Bursts");
    const beforeBurst = await measureBurst(pages[0], before.url, dbBefore.sql, false);
    const afterBurst = await measureBurst(pages[1], after.url, dbAfter.sql, true);
    for (const server of [...servers, statics]) await stop(server.child);

    const sideBefore: Side = {
      first: first[0],
      repeat: repeat[0],
      burst: beforeBurst,
      session: beforeSession,
      profile: profileBefore,
    };
    const sideAfter: Side = {
      first: first[1],
      repeat: repeat[1],
      burst: afterBurst,
      session: afterSession,
      profile: profileAfter,
    };
    const rows = figures(sideBefore, sideAfter, repeat[2]);
    const text = section(rows, sideBefore, sideAfter, repeat[2]);
    console.log(`\n${text}`);
    if (values.out !== "none") {
      await writeSection(`${ROOT}${values.out}`, "## Page load (Chromium)", text);
      await Deno.writeTextFile(
        `${ROOT}docs/page-load.svg`,
        figureChart(rows, "Beacon dashboard in Chromium: before (CACHE=off, flags off) and after"),
      );
      console.log(`Wrote ${values.out} and docs/page-load.svg`);
    }
  } finally {
    clearTimeout(budget);
    await browser?.close().catch(() => {});
    stopAll();
    for (const file of temporary) await Deno.remove(file).catch(() => {});
    for (const db of dbs) await db.drop().catch((e) => console.error(`Could not drop: ${e}`));
  }
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    console.error(`Page-load benchmark failed: ${error instanceof Error ? error.stack : error}`);
    stopAll();
    Deno.exit(1);
  }
}
