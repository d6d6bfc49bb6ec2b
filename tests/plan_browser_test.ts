/**
 * In Chromium, with JavaScript on and off: a project started from the home page and planned
 * on its dashboard — a team row, phases, tasks, an assignee, a new order — while a second
 * member's open home page shows the new project and its progress, and their open dashboard
 * follows every step, without a reload.
 */
import assert from "node:assert/strict";
import type { TestServer } from "./_browser.ts";
import type { Browser } from "playwright-core";
import {
  assertBackOnDashboard,
  assertNotReloaded,
  button,
  journeyTest,
  LIVE_MS,
  type Mode,
  openEdit,
  type Person,
  signedIn,
  submit,
  textsOf,
  waitForText,
  waitForTexts,
  watch,
} from "./_journeys.ts";

const MEMBER = "Grace Hopper";
const TEAM_ROW = `tr[data-member="${MEMBER}"]`;

async function startProject(ada: Person, name: string): Promise<string> {
  await ada.page.fill("#project-new-name", name);
  await ada.page.fill("#project-new-description", "Planned in the browser");
  const created = await submit(ada, button(ada.page, "Create project"));
  assert.equal(created.status, 303);
  assert.match(created.url.pathname, /^\/projects\/[0-9a-f-]{36}$/);
  assert.equal(await ada.page.textContent("#project h1"), name);
  assert.equal(await ada.page.textContent("#phases .phase-list"), "No phases planned yet.");
  return created.url.href;
}

async function addTeamRow(ada: Person, dashboard: string, member: string): Promise<void> {
  await openEdit(ada, "#team");
  await ada.page.fill("#team-new-member", member);
  assertBackOnDashboard(await submit(ada, button(ada.page, "Add member")), dashboard);
}

async function addPhase(ada: Person, dashboard: string, title: string, timeframe: string) {
  await openEdit(ada, "#phases");
  await ada.page.fill("#phase-new-title", title);
  await ada.page.fill("#phase-new-timeframe", timeframe);
  assertBackOnDashboard(await submit(ada, button(ada.page, "Add phase")), dashboard);
}

/** The element id (`phase-<uuid>`) of the phase whose heading names `title`. */
async function phaseOf(ada: Person, title: string): Promise<string> {
  const heading = ada.page.locator("h3", { hasText: title });
  const id = await ada.page.locator("article.phase", { has: heading }).getAttribute("id");
  assert.ok(id, `phase ${title} is shown`);
  return id;
}

async function addTask(
  ada: Person,
  dashboard: string,
  phase: string,
  task: { title: string; assignee?: string },
): Promise<void> {
  await openEdit(ada, `#${phase}`);
  await ada.page.fill(`#${phase}-task-new-title`, task.title);
  if (task.assignee) await ada.page.fill(`#${phase}-task-new-assignee`, task.assignee);
  assertBackOnDashboard(await submit(ada, button(ada.page, "Add task")), dashboard);
}

/** Presses "Move up: …" or "Move down: …" in a section's Edit panel. */
async function move(ada: Person, dashboard: string, section: string, label: string) {
  await openEdit(ada, section);
  assertBackOnDashboard(await submit(ada, button(ada.page, label)), dashboard);
}

/** The progress text of the home page's card of the project whose dashboard is `url`. */
function cardProgress(url: string): string {
  return `.project-card:has(a[href="${new URL(url).pathname}"]) .progress__text`;
}

async function planJourney(t: TestServer, browser: Browser, mode: Mode): Promise<void> {
  const ada = await signedIn(browser, t, "ada@acme.test", mode);
  const graceHome = await watch(browser, t, `${t.url}/`);
  const name = `Website relaunch, ${mode.name}`;
  const dashboard = await startProject(ada, name);
  const card = graceHome.page.locator(".project-card__title a", { hasText: name });
  await card.waitFor({ timeout: LIVE_MS });
  assert.equal(await card.getAttribute("href"), new URL(dashboard).pathname);
  await waitForText(graceHome.page, cardProgress(dashboard), "0 of 0 tasks done (0%)");
  const grace = await watch(browser, t, dashboard);

  await addTeamRow(ada, dashboard, MEMBER);
  assert.equal(await ada.page.textContent(`${TEAM_ROW} th`), MEMBER);
  await waitForText(grace.page, `${TEAM_ROW} th`, MEMBER);
  assert.equal(await grace.page.textContent(`${TEAM_ROW} td.cell-tasks`), "—");

  await addPhase(ada, dashboard, "Design", "Week 1");
  await addPhase(ada, dashboard, "Delivery", "Week 2");
  const phases = ["Phase 0: Design(Week 1)", "Phase 1: Delivery(Week 2)"];
  assert.deepEqual(await textsOf(ada.page, "article.phase h3"), phases);
  await waitForTexts(grace.page, "article.phase h3", phases);

  const design = await phaseOf(ada, "Design");
  const titles = `#${design} li.task .task__title`;
  await addTask(ada, dashboard, design, { title: "Sketch the screens" });
  await addTask(ada, dashboard, design, { title: "Review the sketches", assignee: MEMBER });
  const tasks = ["Sketch the screens", "Review the sketches"];
  assert.deepEqual(await textsOf(ada.page, titles), tasks);
  await waitForTexts(grace.page, titles, tasks);
  await waitForTexts(grace.page, `#${design} li.task .task__assignee`, [MEMBER]);
  // The team table counts what is assigned to each member by name.
  assert.equal(await ada.page.textContent(`${TEAM_ROW} td.cell-tasks`), "0 of 1 done");
  await waitForText(grace.page, `${TEAM_ROW} td.cell-tasks`, "0 of 1 done");

  await move(ada, dashboard, `#${design}`, "Move up: Review the sketches");
  const reordered = ["Review the sketches", "Sketch the screens"];
  assert.deepEqual(await textsOf(ada.page, titles), reordered);
  await waitForTexts(grace.page, titles, reordered);

  await move(ada, dashboard, `#${design}`, "Move down: Phase 0: Design");
  const phasesNow = ["Phase 0: Delivery(Week 2)", "Phase 1: Design(Week 1)"];
  assert.deepEqual(await textsOf(ada.page, "article.phase h3"), phasesNow);
  await waitForTexts(grace.page, "article.phase h3", phasesNow);

  await assertNotReloaded(grace);
  // The card on the home page counts the tasks too.
  await waitForText(graceHome.page, cardProgress(dashboard), "0 of 2 tasks done (0%)");
  await assertNotReloaded(graceHome);
  await ada.context.close();
  await grace.context.close();
  await graceHome.context.close();
}

journeyTest(
  "a project started on the home page is planned on its dashboard, and a second member sees it on their home page and each step on the dashboard without a reload",
  planJourney,
);
