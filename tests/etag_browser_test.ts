/**
 * In Chromium: reloading a dashboard is revalidated with the browser's own `If-None-Match`
 * and answered `304 Not Modified`, yet a change made by someone else is never hidden by it.
 *
 * Playwright reports a revalidated navigation as the cached `200` it was merged into, so
 * `response.status()` cannot tell a 304 from a fresh page. The statuses here come from
 * Chromium's network layer instead: the DevTools protocol's
 * `Network.responseReceivedExtraInfo` carries the status line as it came over the wire.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { signIn, withServerAndBrowser } from "./_browser.ts";

const options = { sanitizeOps: false, sanitizeResources: false };

/** A document response as it came over the wire. */
interface WireResponse {
  url: string;
  status: number;
}

/** Records the wire status of every document (navigation) response of a page. */
async function recordDocuments(page: Page): Promise<WireResponse[]> {
  const cdp = await page.context().newCDPSession(page);
  const documents = new Map<string, string>();
  const seen: WireResponse[] = [];
  cdp.on("Network.requestWillBeSent", (event) => {
    if (event.type === "Document") documents.set(event.requestId, event.request.url);
  });
  cdp.on("Network.responseReceivedExtraInfo", (event) => {
    const url = documents.get(event.requestId);
    if (url !== undefined) seen.push({ url, status: event.statusCode });
  });
  await cdp.send("Network.enable");
  return seen;
}

/** Reloads the page and returns the wire status of the reloaded document. */
async function reload(page: Page, seen: WireResponse[]): Promise<WireResponse> {
  const before = seen.length;
  const url = page.url();
  await page.reload();
  await page.waitForSelector("#phases");
  const answered = seen.slice(before).filter((response) => response.url === url);
  assert.equal(answered.length, 1, "one document request for the reload");
  return answered[0];
}

Deno.test(
  "in Chromium a reload is a 304, and a change by someone else is a fresh 200",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      const page = await browser.newPage();
      const seen = await recordDocuments(page);
      await signIn(page, t.url, "ada@acme.test");
      await page.click("text=Redis Caching Implementation");
      await page.waitForSelector("#phases");
      const label = "Status of GlobalContext provider";
      const select = page.locator(`select[aria-label='${label}']`);
      assert.equal(await select.inputValue(), "todo");

      const revalidated = await reload(page, seen);
      assert.equal(revalidated.status, 304, "the server answered the reload with a 304");
      assert.equal(await select.inputValue(), "todo", "the browser shows its cached page");
      // The cached page's scripts still run: its islands hydrate, so the Save button goes.
      const task = page.locator(".task-status", { has: select });
      await task.locator("button").waitFor({ state: "detached" });

      // Grace, in a browser of her own and without JavaScript, posts the plain form.
      const other = await browser.newContext({ javaScriptEnabled: false });
      const grace = await other.newPage();
      await signIn(grace, t.url, "grace@acme.test");
      await grace.click("text=Redis Caching Implementation");
      const form = grace.locator("form", { has: grace.locator(`select[aria-label='${label}']`) });
      await form.locator("select").selectOption("done");
      await Promise.all([
        grace.waitForURL(/\/projects\/[0-9a-f-]+#task-/),
        form.locator("button").click(),
      ]);
      assert.equal(await grace.locator(`select[aria-label='${label}']`).inputValue(), "done");

      const fresh = await reload(page, seen);
      assert.equal(fresh.status, 200, "after Grace's change the reload is a fresh page");
      assert.equal(await select.inputValue(), "done", "Ada sees Grace's change");
      assert.equal(await task.getAttribute("data-status"), "done");

      const again = await reload(page, seen);
      assert.equal(again.status, 304, "and the fresh page revalidates in turn");
      assert.equal(await select.inputValue(), "done");
    });
  },
);
