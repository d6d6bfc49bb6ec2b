import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import "../islands/mod.ts";
import { renderPage } from "../lib/islands/mod.ts";
import type { ProjectDashboard, ProjectSummary, Role, Tenant, User } from "../lib/model/types.ts";
import { resolveDashboard } from "../lib/model/resolve.ts";
import { Layout } from "./_layout.tsx";
import { ErrorPage } from "./_error.tsx";
import { LoginPage } from "./login.tsx";
import { DEMO_SIGN_INS } from "../lib/db/demo_sign_ins.ts";
import { HomePage } from "./index.tsx";
import { type FormState, ProjectPage } from "./projects/[id].tsx";
import { groupByDay } from "../islands/_dashboard/log.tsx";

const tenant: Tenant = { id: "t1", name: "Acme", slug: "acme" };
const user: User = { id: "u1", email: "ada@acme.test", name: "Ada Lovelace", phone: null };
const PID = "11111111-1111-4111-8111-111111111111";
const EVIL = "</script><script>alert(1)</script>";

function sampleDashboard(): ProjectDashboard {
  const task = (id: string, phaseId: string, title: string, status: "todo" | "doing" | "done") => ({
    id,
    phaseId,
    title,
    note: "pgvector-data-architect",
    status,
    assignee: null,
    position: 0,
  });
  const metric = (
    id: string,
    group: "summary" | "performance" | "quality",
    name: string,
    current: string,
  ) => ({
    id,
    group,
    name,
    baseline: "TBD",
    current,
    target: "100%",
    direction: null,
    unit: "",
    health: "yellow" as const,
    statusLabel: group === "summary" ? "In Progress" : "",
    position: 0,
  });
  return resolveDashboard({
    project: {
      id: PID,
      name: "Redis Caching Implementation",
      description: "Six-week rollout",
      status: "Active Development",
      health: "green",
      updatedAt: "2025-07-31T17:30:00Z",
      owner: "Orchestrator",
      updateFrequency: null,
      reviewCycle: null,
      lastUpdated: "2025-07-31 (5:30 PM)",
      archivedAt: null,
      extraSections: [],
    },
    phases: [
      {
        id: "ph0",
        name: "Foundation",
        timeframe: "Week 1",
        position: 0,
        tasks: [task("k1", "ph0", "Cache schema design", "done")],
      },
      {
        id: "ph1",
        name: "Backend Quick Wins",
        timeframe: "Weeks 2-3",
        position: 1,
        tasks: [
          task("k2", "ph1", "User context caching", "doing"),
          task("k3", "ph1", "ETag", "todo"),
        ],
      },
      {
        id: "ph2",
        name: "Frontend Architecture",
        timeframe: "Week 5",
        position: 2,
        tasks: [task("k4", "ph2", "GlobalContext provider", "todo")],
      },
    ],
    team: [{
      id: "tm1",
      member: "qa-playwright-tester",
      status: "green",
      statusLabel: "Complete",
      currentTask: "Test suite creation",
      progress: 100,
      position: 0,
    }],
    metrics: [
      metric("m1", "summary", "Team Readiness", "85%"),
      metric("m2", "performance", "Cache Hit Ratio", "0%"),
      metric("m3", "quality", "Test Coverage", "0%"),
    ],
    risks: [{
      id: "r1",
      title: EVIL,
      impact: "high",
      probability: "low",
      mitigation: "Phased rollout",
      owner: "pgvector-data-architect",
      position: 0,
    }],
    milestones: [{
      id: "ms1",
      title: "Week 1",
      note: "Starting 2025-07-31",
      position: 0,
      items: [
        { id: "i1", text: "Redis infrastructure ready", done: true },
        { id: "i2", text: "Baseline metrics captured", done: false },
      ],
    }],
    log: [
      logEntry("l1", "2025-07-31T09:00:00Z", "Orchestrator", "Dashboard created"),
      logEntry("l2", "2025-07-31T17:00:00Z", "Orchestrator", "Implemented improvements:", [
        "Refactored invalidation",
        "Extracted ETag logic",
      ]),
      logEntry("l3", "2025-08-01T08:00:00Z", "Grace", "Next day"),
    ],
    accomplishments: [],
    actionGroups: [],
    blockers: [],
  });
}

function logEntry(id: string, at: string, author: string, text: string, items: string[] = []) {
  const position = Number(id.slice(1));
  return { id, at, author, text, items, position, dayLabel: null, timeLabel: null };
}

function renderProject(role: Role, form?: FormState, editing?: string): string {
  return render(
    <ProjectPage
      dashboard={sampleDashboard()}
      user={user}
      tenant={tenant}
      role={role}
      form={form}
      editing={editing}
    />,
  );
}

/** Forms other than the sign-out form in the top bar. */
function writeForms(html: string): string[] {
  return [...html.matchAll(/<form[^>]*>/g)].map((m) => m[0]).filter((f) => !f.includes("/logout"));
}

Deno.test("Layout renders a document with title, stylesheet, favicon and sign-out", () => {
  const html = render(
    <Layout title="Projects" user={user} tenant={tenant} role="owner">
      <p>Hello</p>
    </Layout>,
  );
  assert.match(html, /^<html lang="en">/);
  assert.match(html, /<title>Projects · Beacon<\/title>/);
  // Files of the build: immutable under its id.
  assert.match(html, /<link rel="icon" href="\/_build\/[0-9a-f]{16}\/favicon.svg"/);
  assert.match(html, /<link rel="stylesheet" href="\/_build\/[0-9a-f]{16}\/app.css"/);
  assert.match(html, /<a class="brand" href="\/">/);
  assert.match(html, /Acme/);
  assert.match(html, /Ada Lovelace/);
  assert.match(html, /Owner/);
  assert.match(html, /<form method="post" action="\/logout"[^>]*><button[^>]*>Sign out<\/button>/);
  assert.match(html, /<main id="main"[^>]*><p>Hello<\/p><\/main>/);
});

Deno.test("Layout shows no sign-out form to an anonymous visitor", () => {
  const html = render(<Layout title="Sign in">x</Layout>);
  assert.doesNotMatch(html, /logout/);
  assert.doesNotMatch(html, /Sign out/);
});

Deno.test("ErrorPage explains the status and shows the message, never internals", () => {
  const notFound = render(<ErrorPage status={404} message="No such project" />);
  assert.match(notFound, /<title>Not found · Beacon<\/title>/);
  assert.match(notFound, /<h1 id="error-title">Not found<\/h1>/);
  assert.match(notFound, /No such project/);
  assert.match(notFound, /Error 404/);
  for (
    const [status, title] of [[403, "Access denied"], [413, "Too large"], [
      429,
      "Too many requests",
    ], [
      503,
      "Service unavailable",
    ]] as const
  ) {
    assert.match(
      render(<ErrorPage status={status} message="" />),
      new RegExp(`<h1[^>]*>${title}</h1>`),
    );
  }
  const escaped = render(<ErrorPage status={500} message={EVIL} />);
  assert.doesNotMatch(escaped, /<script>/);
  assert.match(escaped, /&lt;\/script>/);
});

Deno.test("LoginPage posts email and password, keeps the email and shows the error", () => {
  const html = render(
    <LoginPage
      email='ada@acme.test"><b>'
      error="Wrong e-mail or password"
      next="/projects/1"
      demo={DEMO_SIGN_INS}
    />,
  );
  assert.match(html, /<form method="post" action="\/login"/);
  assert.match(
    html,
    /<input id="login-email" name="email" type="email" autocomplete="username" required/,
  );
  assert.match(html, /name="password" type="password" autocomplete="current-password" required/);
  assert.match(html, /<label for="login-email">/);
  assert.match(html, /role="alert">Wrong e-mail or password</);
  assert.match(html, /value="ada@acme.test&quot;>&lt;b>"/);
  assert.match(html, /name="next" value="\/projects\/1"/);
  for (const email of ["ada@acme.test", "grace@acme.test", "linus@acme.test", "hank@globex.test"]) {
    assert.ok(html.includes(`<code>${email}</code>`), email);
  }
  assert.match(html, /beacon-demo/);
  const plain = render(<LoginPage />);
  assert.doesNotMatch(plain, /role="alert"/);
  assert.doesNotMatch(plain, /acme\.test|beacon-demo/, "no demo accounts unless asked");
});

Deno.test("HomePage lists projects with links, progress, health and update time", () => {
  const projects: ProjectSummary[] = [{
    id: PID,
    name: "Redis Caching Implementation",
    description: "Six-week rollout",
    status: "Active Development",
    health: "yellow",
    updatedAt: "2025-07-31T17:30:00Z",
    taskCount: 26,
    doneCount: 16,
    percent: 62,
  }];
  const html = render(<HomePage tenant={tenant} user={user} role="viewer" projects={projects} />);
  assert.match(html, new RegExp(`<a href="/projects/${PID}">Redis Caching Implementation</a>`));
  assert.match(html, /16 of 26 tasks done/);
  assert.match(html, /<progress value="16" max="26" aria-label=/);
  assert.match(html, /status--yellow/);
  assert.match(html, /Active Development/);
  assert.match(html, /<time datetime="2025-07-31T17:30:00Z">Jul 31, 2025, 5:30 PM UTC<\/time>/);
  const empty = render(<HomePage tenant={tenant} user={user} role="viewer" projects={[]} />);
  assert.match(empty, /No projects yet/);
});

Deno.test("ProjectPage shows every section of the dashboard with its heading", () => {
  const html = renderProject("viewer");
  for (
    const [id, heading] of [
      ["summary", "Executive summary"],
      ["phases", "Phase progress"],
      ["team", "Team assignments"],
      ["metrics", "Key metrics"],
      ["risks", "Risk register"],
      ["milestones", "Weekly milestones"],
      ["log", "Communication log"],
    ]
  ) {
    assert.match(html, new RegExp(`<section id="${id}"`), id);
    assert.match(html, new RegExp(`<h2 id="${id}-title">${heading}</h2>`), heading);
    assert.ok(html.includes(`href="#${id}"`), `nav link to ${id}`);
  }
  assert.match(html, /Active Development/);
  assert.match(html, /Last updated/);
  assert.match(html, /Phase 0: Foundation<span class="phase__timeframe">\(Week 1\)<\/span>/);
  assert.match(html, /Performance metrics/);
  assert.match(html, /Quality metrics/);
  assert.match(html, /<th scope="col">Baseline<\/th>/);
  assert.match(html, /Team Readiness/);
  assert.match(html, /In Progress/);
  assert.match(html, /Cache schema design/);
  assert.match(html, /\(pgvector-data-architect\)/);
  assert.match(html, /qa-playwright-tester/);
  assert.match(html, /100%/);
  assert.match(html, /1 of 2 done/);
  assert.match(html, /✓/);
  assert.match(html, /☐/);
  assert.match(html, /badge--red">High</);
  assert.match(html, /badge--green">Low</);
});

Deno.test("ProjectPage gives a viewer no write controls at all", () => {
  const html = renderProject("viewer");
  assert.deepEqual(writeForms(html), []);
  assert.doesNotMatch(html, /<(input|select|textarea)\b/);
  assert.equal([...html.matchAll(/<button\b/g)].length, 1, "only the sign-out button");
  assert.doesNotMatch(html, /Add risk|Add entry|>Save</);
  assert.match(html, /Read-only/);
  assert.match(html, /<span class="task-status-text">Done<\/span>/);
  assert.match(html, /<span class="task-status-text">To do<\/span>/);
});

Deno.test("ProjectPage reads as a dashboard: each section's forms wait behind its Edit", () => {
  for (const role of ["member", "admin", "owner"] as const) {
    const html = renderProject(role);
    // Values, and one Edit link per section: no form but the task controls and the log's.
    const targets = [...html.matchAll(/ (?:action|formaction)="([^"]*)"/g)].map((m) => m[1])
      .filter((target) => target !== "/logout");
    assert.deepEqual(
      [...new Set(targets.map((a) => a.replace(/\/[^/]+$/, "/…")))].sort(),
      [
        `/projects/${PID}/…`,
        `/projects/${PID}/milestones/…`,
        `/projects/${PID}/tasks/…`,
      ].sort(),
    );
    const edits = [...html.matchAll(/href="\/projects\/[^"?]+\?edit=([^"#]+)#/g)].map((m) => m[1]);
    for (const section of ["project", "summary", "phases", "team", "metrics", "blockers"]) {
      assert.ok(edits.includes(section), `${role}: Edit for ${section}`);
    }
    for (const section of ["risks", "milestones", "accomplishments", "actions", "phase-ph0"]) {
      assert.ok(edits.includes(section), `${role}: Edit for ${section}`);
    }
    assert.match(html, /class="metric-value">85%</);
    assert.doesNotMatch(html, /id="metric-m1-current"/, "no metric form until Edit");
    assert.match(html, /<textarea id="log-text" name="text"/);
    assert.match(
      html,
      new RegExp(`<form class="task-status-form" method="post" action="/projects/${PID}/tasks/k1"`),
    );
    assert.match(html, /aria-label="Status of Cache schema design"/);
    assert.doesNotMatch(html, /Read-only/);
  }
});

Deno.test("ProjectPage with ?edit= shows that section's forms, and only those", () => {
  const risks = renderProject("member", undefined, "risks");
  const actions = writeForms(risks).map((f) => f.match(/action="([^"]*)"/)?.[1]);
  for (const path of ["risks", "risks/r1", "risks/r1/delete"]) {
    assert.ok(actions.includes(`/projects/${PID}/${path}`), path);
  }
  assert.match(risks, /<select id="risk-new-impact" name="impact"/);
  assert.match(risks, new RegExp(`href="/projects/${PID}#risks">Done`));
  assert.ok(!actions.includes(`/projects/${PID}/metrics/m1/edit`), "other sections stay closed");
  const metrics = renderProject("owner", undefined, "summary");
  assert.match(metrics, /<input id="metric-m1-current" name="current"[^>]*value="85%"/);
  const viewer = renderProject("viewer", undefined, "risks");
  assert.deepEqual(writeForms(viewer), [], "a viewer gets no forms, whatever the address says");
});

Deno.test("ProjectPage shows a failed form again with its values and errors", () => {
  const log = renderProject("member", {
    form: "log",
    values: { text: "Half-written <note>" },
    errors: { text: "Write at most 4000 characters" },
  });
  assert.match(log, /role="alert"/);
  assert.match(log, /href="#log"/);
  assert.match(log, /aria-invalid="true"/);
  assert.match(log, /Half-written &lt;note>/);
  assert.match(log, /id="log-text-error">Write at most 4000 characters</);

  const risk = renderProject("member", {
    form: "risk",
    id: "r1",
    values: {
      title: "Renamed risk",
      impact: "low",
      probability: "high",
      mitigation: "",
      owner: "x",
    },
    errors: { title: "Too long", _form: "The risk changed meanwhile" },
  });
  assert.match(risk, /href="#risks"/);
  assert.match(risk, /data-editing="risks"/, "the failed form's section is open");
  assert.equal([...risk.matchAll(/data-editing=/g)].length, 1);
  assert.match(risk, /id="risk-r1-title" name="title"[^>]*value="Renamed risk"/);
  assert.match(risk, /id="risk-r1-title-error">Too long</);
  assert.match(risk, /The risk changed meanwhile/);
  assert.match(risk, /<option value="high" selected>High<\/option><\/select>/);
  assert.doesNotMatch(risk, /id="risk-new-title-error"/);

  const metric = renderProject("owner", {
    form: "metric",
    id: "m2",
    values: { group: "performance", name: "", current: "9" },
    errors: { name: "Enter the metric's name" },
  });
  assert.match(metric, /id="metric-m2-name" name="name"[^>]*aria-invalid="true"/);
  assert.match(metric, /id="metric-m2-name-error">Enter the metric(&#39;|')s name</);
  assert.doesNotMatch(metric, /id="metric-m1-current"/, "the summary's forms stay closed");
});

Deno.test("ProjectPage escapes data that looks like markup", () => {
  const html = renderProject("owner");
  assert.ok(!html.includes(EVIL), "raw script text must not appear");
  assert.match(html, /&lt;\/script>&lt;script>alert\(1\)&lt;\/script>/);
  assert.doesNotMatch(html, /<script>alert/);
});

Deno.test("ProjectPage renders the log newest day first with nested lists", () => {
  const html = renderProject("viewer");
  const aug = html.indexOf('datetime="2025-08-01"');
  const jul = html.indexOf('datetime="2025-07-31"');
  assert.ok(aug > 0 && jul > aug, "newest day first");
  assert.match(html, /<time class="log__time" datetime="2025-07-31T09:00:00Z">9:00 AM<\/time>/);
  assert.match(html, /<p>Implemented improvements:<\/p><ul><li>Refactored invalidation<\/li>/);
  assert.ok(html.indexOf("9:00 AM") < html.indexOf("5:00 PM"), "a day's entries in time order");
});

Deno.test("groupByDay() puts the newest day first", () => {
  const days = groupByDay(sampleDashboard().log);
  assert.deepEqual(days.map((d) => d.day), ["2025-08-01", "2025-07-31"]);
  assert.deepEqual(days[1].entries.map((e) => e.id), ["l1", "l2"]);
});

Deno.test("ProjectPage rendered with islands marks the task controls and escapes their props", () => {
  const dashboard = sampleDashboard();
  dashboard.phases[0].tasks[0].title = EVIL;
  const html = renderPage(
    <ProjectPage dashboard={dashboard} user={user} tenant={tenant} role="member" />,
    { buildId: "0123456789abcdef" },
  );
  assert.match(html, /^<!DOCTYPE html><html lang="en">/);
  assert.match(html, /<!--beacon-island:/);
  assert.match(html, /<script type="application\/json" id="__BEACON_STATE__">/);
  const state = html.slice(html.indexOf("__BEACON_STATE__"));
  assert.ok(!state.includes("</script><script>alert"), "props must not close the script");
  assert.doesNotMatch(html, /<script>alert/);
  assert.ok(html.lastIndexOf("<script") < html.indexOf("</body>"));
});
