/**
 * In Chromium, with JavaScript on and off: the reference dashboard imported through the home
 * page's form, as a file and as pasted text, lands on its dashboard, and "Export as Markdown"
 * downloads the same text again; a second member's open home page shows each imported project
 * without a reload. A document that cannot be read is refused, naming its line.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import type { TestServer } from "./_browser.ts";
import {
  assertNotReloaded,
  button,
  journeyTest,
  LIVE_MS,
  type Mode,
  type Person,
  signedIn,
  submit,
  textsOf,
  watch,
} from "./_journeys.ts";

const REFERENCE_FILE = fileURLToPath(
  new URL("../lib/markdown/testdata/reference.md", import.meta.url),
);
const REFERENCE = await Deno.readTextFile(REFERENCE_FILE);
const NAME = "Redis Caching Implementation";

/** Imports the reference through the home page's form; returns the new dashboard's path. */
async function importReference(ada: Person, how: "file" | "text"): Promise<string> {
  await ada.page.goto(new URL("/", ada.page.url()).href);
  if (how === "file") await ada.page.setInputFiles("#import-file", REFERENCE_FILE);
  else await ada.page.fill("#import-markdown", REFERENCE);
  const imported = await submit(ada, button(ada.page, "Import"));
  assert.equal(imported.status, 303);
  assert.match(imported.url.pathname, /^\/projects\/[0-9a-f-]{36}$/);
  assert.equal(await ada.page.textContent("#project h1"), NAME);
  assert.equal(await ada.page.locator("article.phase").count(), 5);
  return imported.url.pathname;
}

/** Downloads the open dashboard through its "Export as Markdown" link. */
async function exportMarkdown(ada: Person): Promise<{ name: string; text: string }> {
  const link = ada.page.getByRole("link", { name: "Export as Markdown" });
  const [download] = await Promise.all([ada.page.waitForEvent("download"), link.click()]);
  const text = await Deno.readTextFile(await download.path());
  return { name: download.suggestedFilename(), text };
}

async function roundTrip(ada: Person, grace: Person, how: "file" | "text"): Promise<void> {
  const dashboard = await importReference(ada, how);
  const card = grace.page.locator(`.project-card__title a[href="${dashboard}"]`);
  await card.waitFor({ timeout: LIVE_MS });
  assert.equal(await card.textContent(), NAME, "the second member's home page shows it");
  const exported = await exportMarkdown(ada);
  assert.equal(exported.name, "redis-caching-implementation.md");
  assert.equal(exported.text, `${REFERENCE}\n`, "the export is the reference and a line break");
}

async function refuseABrokenDocument(ada: Person, grace: Person): Promise<void> {
  const cards = await textsOf(grace.page, ".project-card__title");
  const home = new URL("/", ada.page.url()).href;
  await ada.page.goto(home);
  const projects = await ada.page.locator(".project-card").count();
  const row = "| Timeline | 6 weeks | Week 1-2 | 🟢 On Track |";
  const line = REFERENCE.split("\n").indexOf(row) + 1;
  assert.ok(line > 0, "the reference has the row");
  const broken = REFERENCE.replace(row, "| Timeline |");
  await ada.page.fill("#import-markdown", broken);
  const refused = await submit(ada, button(ada.page, "Import"));
  assert.equal(refused.status, 422);
  assert.equal(refused.url.pathname, "/projects/import");
  assert.match(
    await ada.page.textContent("#import-error") ?? "",
    new RegExp(`^Line ${line}: expected a table row`),
  );
  assert.match(await ada.page.textContent(".page-alert") ?? "", /^Nothing was created\./);
  // What was pasted is there to be corrected (a browser sends a textarea's lines with CRLF).
  const kept = await ada.page.inputValue("#import-markdown");
  assert.equal(kept.replaceAll("\r\n", "\n"), broken);
  assert.equal(await ada.page.locator(".project-card").count(), projects, "nothing was created");
  assert.deepEqual(await textsOf(grace.page, ".project-card__title"), cards, "nor shown");

  // The refused import's address, opened again, is the home page with its forms.
  const again = await ada.page.goto(refused.url.href);
  assert.equal(again?.status(), 200);
  assert.equal(ada.page.url(), home);
  assert.ok(await ada.page.isVisible("#import-markdown"));
}

async function walk(t: TestServer, browser: Browser, mode: Mode, step: Deno.TestContext) {
  const ada = await signedIn(browser, t, "ada@acme.test", mode);
  const grace = await watch(browser, t, `${t.url}/`);
  await step.step(
    "the reference imported as a file exports as the same text",
    () => roundTrip(ada, grace, "file"),
  );
  await step.step(
    "the reference pasted into the form exports as the same text",
    () => roundTrip(ada, grace, "text"),
  );
  await step.step(
    "a document that cannot be read is refused, naming its line, and nothing is created",
    () => refuseABrokenDocument(ada, grace),
  );
  await assertNotReloaded(grace);
  await ada.context.close();
  await grace.context.close();
}

journeyTest(
  "a dashboard imported through the home page comes back the same through Export as Markdown, and shows on a second member's open home page",
  walk,
);
