/**
 * What the journey tests share: an author in Chromium with JavaScript on or off, a second
 * member whose open dashboard must follow every change without a reload, and forms submitted
 * the way a person submits them (a click, then the page the answer leads to).
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { signIn, type TestServer, withServerAndBrowser } from "./_browser.ts";

/** Browser tests keep a server and Chromium open across awaits. */
export const options = { sanitizeOps: false, sanitizeResources: false };

/** How long a change may take to travel to another member's open page. */
export const LIVE_MS = 10_000;

/** The two browsers every journey is walked in. */
export const MODES = [
  { name: "with JavaScript", javaScriptEnabled: true },
  { name: "without JavaScript", javaScriptEnabled: false },
] as const;

/** One of {@linkcode MODES}. */
export type Mode = typeof MODES[number];

/** A journey walked in one mode, its parts as steps of `step`. */
export type Journey = (
  t: TestServer,
  browser: Browser,
  mode: Mode,
  step: Deno.TestContext,
) => Promise<void>;

/** A test that walks `journey` on one server and browser, once in each of {@linkcode MODES}. */
export function journeyTest(name: string, journey: Journey): void {
  Deno.test(name, options, async (test) => {
    await withServerAndBrowser(async (t, browser) => {
      for (const mode of MODES) {
        await test.step(mode.name, (step) => journey(t, browser, mode, step));
      }
    });
  });
}

/** Someone signed in, in a browser context of their own. */
export interface Person {
  context: BrowserContext;
  page: Page;
  /** Whether their browser runs JavaScript. */
  js: boolean;
}

/** Signs `email` in, in a fresh context of the given mode; the page is left on `/`. */
export async function signedIn(
  browser: Browser,
  t: TestServer,
  email: string,
  mode: Pick<Mode, "javaScriptEnabled">,
): Promise<Person> {
  const context = await browser.newContext({ javaScriptEnabled: mode.javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, t.url, email);
  return { context, page, js: mode.javaScriptEnabled };
}

/**
 * A second member's open dashboard: JavaScript on, hydrated, live, and marked, so that
 * {@linkcode assertNotReloaded} can tell whether the page was loaded again.
 */
export async function watch(browser: Browser, t: TestServer, url: string): Promise<Person> {
  const grace = await signedIn(browser, t, "grace@acme.test", { javaScriptEnabled: true });
  await grace.page.goto(url);
  await grace.page.waitForSelector(".live-indicator[data-state='live']");
  await grace.page.evaluate(() => Object.assign(globalThis, { __marker: "still open" }));
  return grace;
}

/** Fails when the watcher's page was navigated or reloaded since {@linkcode watch}. */
export async function assertNotReloaded(watcher: Person): Promise<void> {
  const marker = await watcher.page.evaluate(() => (globalThis as { __marker?: string }).__marker);
  assert.equal(marker, "still open", "the second member's page was loaded again");
}

/**
 * Waits until the watcher's page shows `expected` as the text of `selector` (trimmed), as a
 * live update brings it.
 */
export async function waitForText(
  page: Page,
  selector: string,
  expected: string,
): Promise<void> {
  await page.waitForFunction(
    ([selector, expected]) => document.querySelector(selector)?.textContent?.trim() === expected,
    [selector, expected] as const,
    { timeout: LIVE_MS },
  );
}

/** Waits until the texts of every `selector` on the watcher's page are `expected`, in order. */
export async function waitForTexts(
  page: Page,
  selector: string,
  expected: readonly string[],
): Promise<void> {
  await page.waitForFunction(
    ([selector, expected]) => {
      const texts = [...document.querySelectorAll(selector)].map((e) => e.textContent?.trim());
      return JSON.stringify(texts) === JSON.stringify(expected);
    },
    [selector, expected] as const,
    { timeout: LIVE_MS },
  );
}

/** The texts of every `selector` on a page, trimmed, in order. */
export async function textsOf(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allTextContents()).map((text) => text.trim());
}

/** What a submitted form answered and where the browser ended up. */
export interface Submitted {
  /** The status of the form's own answer: 303 for a write, 422 for a refused form. */
  status: number;
  /** The address the browser shows afterwards. */
  url: URL;
}

/**
 * Clicks a form's submit button and waits for the page the answer leads to: the page a 303
 * points at (loaded, and hydrated when JavaScript runs), or the answer itself.
 */
export async function submit(person: Person, button: Locator): Promise<Submitted> {
  const { page } = person;
  const [answer] = await Promise.all([
    page.waitForResponse((response) =>
      response.request().method() === "POST" && response.request().isNavigationRequest()
    ),
    button.click(),
  ]);
  const status = answer.status();
  const location = answer.headers()["location"];
  const target = status === 303 && location
    ? new URL(location, answer.url())
    : new URL(answer.url());
  await page.waitForURL(target.href);
  await settled(person);
  return { status, url: new URL(page.url()) };
}

/**
 * Waits, on a live page (a dashboard, the home page, People) with JavaScript, until its
 * islands are hydrated and live.
 */
export async function settled(person: Person): Promise<void> {
  if (!person.js) return;
  if (await person.page.locator(".live-indicator").count() === 0) return;
  await person.page.waitForSelector(".live-indicator[data-state='live']");
}

/**
 * Shows a section's forms with its "Edit" control (a CSS selector of the section itself): in
 * place with JavaScript, as the page's `?edit=<section>` address without.
 */
export async function openEdit(person: Person, section: string): Promise<void> {
  const { page } = person;
  const before = page.url();
  await page.click(`${section} > a.section-edit`);
  await page.waitForSelector(`${section} > .section-editor`);
  if (person.js) assert.equal(page.url(), before, "Edit opens in place");
  else assert.match(page.url(), /\?edit=[\w-]+#/, "Edit opens the section's forms as a page");
}

/** Whether a section shows its forms (it does after a refused form). */
export async function isEditing(page: Page, section: string): Promise<boolean> {
  return await page.locator(`${section} > .section-editor`).count() === 1;
}

/** Asserts that a write answered 303 and brought the browser back to the dashboard. */
export function assertBackOnDashboard(submitted: Submitted, dashboard: string): void {
  assert.equal(submitted.status, 303, "the form's answer is a redirect");
  assert.equal(submitted.url.pathname, new URL(dashboard).pathname, "back on the dashboard");
}

/** The button of a form, by its accessible name (what a screen reader announces). */
export function button(page: Page | Locator, name: string): Locator {
  return page.getByRole("button", { name, exact: true });
}

/** Whether the page is no wider than its window: nothing makes it scroll sideways. */
export async function fitsTheWindow(page: Page): Promise<boolean> {
  return await page.evaluate(() => document.documentElement.scrollWidth <= globalThis.innerWidth);
}
