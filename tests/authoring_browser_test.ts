/**
 * In Chromium, with JavaScript on and off, on the demo dashboard: a milestone ticked, a blocker
 * added and resolved (the executive summary's Blockers row follows), a very long word in the
 * log, and a refused form — while a second member's open dashboard follows without a reload.
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import type { TestServer } from "./_browser.ts";
import {
  assertBackOnDashboard,
  assertNotReloaded,
  button,
  fitsTheWindow,
  isEditing,
  journeyTest,
  LIVE_MS,
  type Mode,
  openEdit,
  type Person,
  signedIn,
  submit,
  waitForText,
  watch,
} from "./_journeys.ts";

const PROJECT = "Redis Caching Implementation";
const BLOCKERS_ROW = 'tr[data-metric="Blockers"]';

/** What each mode changes, so the two walks do not meet. */
const CHANGES = {
  true: {
    milestone: "All agents assigned and briefed",
    blocker: "Staging keys not issued",
    letter: "w",
  },
  false: {
    milestone: "Redis infrastructure ready",
    blocker: "Firewall change pending",
    letter: "m",
  },
} as const;

interface Walk {
  ada: Person;
  grace: Person;
  dashboard: string;
  changes: (typeof CHANGES)[keyof typeof CHANGES];
}

async function tickMilestone({ ada, grace, dashboard, changes }: Walk): Promise<void> {
  const item = ada.page.locator("li.checklist__item", { hasText: changes.milestone });
  const id = await item.getAttribute("id");
  assert.equal(await item.locator("button.checklist__tick").getAttribute("aria-pressed"), "false");
  assertBackOnDashboard(await submit(ada, item.locator("button.checklist__tick")), dashboard);
  const ticked = `#${id}.is-done button.checklist__tick[aria-pressed='true']`;
  assert.equal(await ada.page.locator(ticked).count(), 1, "ticked on the author's page");
  await grace.page.waitForSelector(ticked, { timeout: LIVE_MS });
}

async function addAndResolveBlocker({ ada, grace, dashboard, changes }: Walk): Promise<void> {
  const count = `${BLOCKERS_ROW} .metric-value`;
  const status = `${BLOCKERS_ROW} .status__label`;
  assert.equal(await ada.page.textContent(status), "Clear");

  await openEdit(ada, "#blockers");
  await ada.page.fill("#blocker-new-text", changes.blocker);
  assertBackOnDashboard(await submit(ada, button(ada.page, "Add blocker")), dashboard);
  assert.equal(await ada.page.textContent("#blockers [data-blockers='1']"), changes.blocker);
  assert.equal(await ada.page.textContent(count), "1");
  assert.equal(await ada.page.textContent(status), "1 open");
  await waitForText(grace.page, "#blockers [data-blockers='1']", changes.blocker);
  await waitForText(grace.page, count, "1");
  await waitForText(grace.page, status, "1 open");

  await openEdit(ada, "#blockers");
  const resolve = button(ada.page, `Resolve: ${changes.blocker}`);
  assertBackOnDashboard(await submit(ada, resolve), dashboard);
  assert.equal(
    await ada.page.textContent("#blockers [data-blockers='none']"),
    "None currently identified.",
  );
  assert.match(
    await ada.page.textContent(".blocker-list--resolved") ?? "",
    new RegExp(changes.blocker),
  );
  assert.equal(await ada.page.textContent(count), "0");
  assert.equal(await ada.page.textContent(status), "Clear");
  await waitForText(grace.page, count, "0");
  await waitForText(grace.page, status, "Clear");
  await grace.page.waitForSelector("#blockers [data-blockers='none']", { timeout: LIVE_MS });
}

async function logALongWord({ ada, grace, dashboard, changes }: Walk): Promise<void> {
  const word = changes.letter.repeat(4000);
  await ada.page.fill("#log-text", word);
  assertBackOnDashboard(await submit(ada, button(ada.page, "Add entry")), dashboard);
  assert.equal(await ada.page.locator(".log__text p", { hasText: word }).count(), 1);
  assert.ok(await fitsTheWindow(ada.page), "the author's page is no wider than the window");
  await grace.page.waitForFunction(
    (word) => [...document.querySelectorAll(".log__text p")].some((p) => p.textContent === word),
    word,
    { timeout: LIVE_MS },
  );
  assert.ok(await fitsTheWindow(grace.page), "the reader's page is no wider than the window");
  const { width, height } = grace.page.viewportSize()!;
  await grace.page.setViewportSize({ width: 360, height: 740 });
  assert.ok(await fitsTheWindow(grace.page), "nor is it on a phone");
  await grace.page.setViewportSize({ width, height });
}

async function refuseAnEmptyPhase({ ada, dashboard }: Walk): Promise<void> {
  await openEdit(ada, "#phases");
  if (ada.js) {
    // The browser would not send an empty required field: the server must refuse it too.
    await ada.page.locator("#phase-new-title").evaluate((input) =>
      input.removeAttribute("required")
    );
  } else {
    await ada.page.fill("#phase-new-title", "   ");
  }
  const refused = await submit(ada, button(ada.page, "Add phase"));
  assert.equal(refused.status, 422);
  assert.match(refused.url.pathname, /^\/projects\/[0-9a-f-]{36}\/phases$/);
  assert.equal(await ada.page.textContent("#phase-new-title-error"), "Enter the phase's title");
  assert.equal(await ada.page.getAttribute("#phase-new-title", "aria-invalid"), "true");
  assert.match(await ada.page.textContent(".page-alert") ?? "", /Your change was not saved/);
  assert.ok(await isEditing(ada.page, "#phases"), "the section shows its forms");
  assert.ok(await ada.page.isVisible("#phase-new-title"), "the form is shown");

  // The address of the refused form, opened again, is the dashboard, not a 404.
  const again = await ada.page.goto(refused.url.href);
  assert.equal(again?.status(), 200);
  assert.equal(new URL(ada.page.url()).pathname, new URL(dashboard).pathname);
  assert.equal(await ada.page.textContent("#project h1"), PROJECT);
}

async function walk(t: TestServer, browser: Browser, mode: Mode, step: Deno.TestContext) {
  const ada = await signedIn(browser, t, "ada@acme.test", mode);
  await Promise.all([ada.page.waitForURL(/\/projects\//), ada.page.click(`text=${PROJECT}`)]);
  const dashboard = ada.page.url();
  const grace = await watch(browser, t, dashboard);
  const w: Walk = { ada, grace, dashboard, changes: CHANGES[`${mode.javaScriptEnabled}`] };
  await step.step("a ticked milestone shows ticked", () => tickMilestone(w));
  await step.step(
    "a blocker added counts in the summary's Blockers row, and once resolved the row says Clear",
    () => addAndResolveBlocker(w),
  );
  await step.step(
    "a 4,000-character word in the log wraps instead of widening the page",
    () => logALongWord(w),
  );
  await assertNotReloaded(grace);
  await step.step(
    "a refused form shows its message in its open Edit panel, and its address opens again as the dashboard",
    () => refuseAnEmptyPhase(w),
  );
  await ada.context.close();
  await grace.context.close();
}

journeyTest(
  "editors change the dashboard in place and a second member sees each change without a reload",
  walk,
);
