import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { signIn, type TestServer, withServerAndBrowser } from "./_browser.ts";

const options = { sanitizeOps: false, sanitizeResources: false };
const PROJECT = "Redis Caching Implementation";
/** How often a page whose live updates are off asks `/api/context` again (30 s in use). */
const POLL_MS = 300;

/** Polls fast, and keeps every WebSocket so a test can count and cut them. */
const INIT_SCRIPT = `
  globalThis.__beaconLivePollMs = ${POLL_MS};
  globalThis.__sockets = [];
  const NativeWebSocket = globalThis.WebSocket;
  globalThis.WebSocket = class extends NativeWebSocket {
    constructor(...args) { super(...args); globalThis.__sockets.push(this); }
  };
`;

/** An `/api/` request a page made, and how it was answered. */
interface ApiCall {
  method: string;
  path: string;
  ifNoneMatch?: string;
  status?: number;
}

interface Reader {
  context: BrowserContext;
  page: Page;
  /** Every `/api/` request since the dashboard's HTML was asked for. */
  api: ApiCall[];
}

async function signedIn(browser: Browser, t: TestServer, email: string): Promise<Reader> {
  const context = await browser.newContext();
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  await signIn(page, t.url, email);
  const api: ApiCall[] = [];
  const calls = new Map<unknown, ApiCall>();
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith("/api/")) return;
    const call = {
      method: request.method(),
      path,
      ifNoneMatch: request.headers()["if-none-match"],
    };
    calls.set(request, call);
    api.push(call);
  });
  page.on("response", (response) => {
    const call = calls.get(response.request());
    if (call) call.status = response.status();
  });
  return { context, page, api };
}

async function openDashboard(reader: Reader): Promise<void> {
  await reader.page.click(`text=${PROJECT}`);
  await reader.page.waitForSelector(".live-indicator[data-state]:not([hidden])");
  // Set after load: a reload would lose it.
  await reader.page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));
}

function assertNoApiCalls(reader: Reader): void {
  const paths = reader.api.map((call) => `${call.method} ${call.path}`);
  assert.equal(paths.length, 0, `the page load asked the API: ${paths.join(", ")}`);
}

async function assertSameDocument(page: Page): Promise<void> {
  assert.equal(
    await page.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument),
    true,
    "the page was reloaded",
  );
}

/** Sockets the page made, and how many of them are not closed. */
function sockets(page: Page): Promise<{ made: number; open: number }> {
  return page.evaluate(() => {
    const all = (globalThis as { __sockets?: WebSocket[] }).__sockets ?? [];
    return { made: all.length, open: all.filter((s) => s.readyState !== WebSocket.CLOSED).length };
  });
}

/** Ada's toggle on `/admin/flags`: turns the flag off when on, on when off. */
async function toggleFlag(page: Page, t: TestServer, key: string): Promise<void> {
  await page.goto(`${t.url}/admin/flags`);
  await Promise.all([
    page.waitForURL(new RegExp(`/admin/flags#flag-${key}$`)),
    page.locator(`tr[data-flag=${key}] button[data-action=toggle]`).click(),
  ]);
}

async function waitForStatus(page: Page, title: string, status: string): Promise<void> {
  await page.waitForFunction(
    ([title, status]) => {
      for (const item of document.querySelectorAll("li.task")) {
        if (item.querySelector(".task__title")?.textContent !== title) continue;
        return item.querySelector(".task-status")?.getAttribute("data-status") === status;
      }
      return false;
    },
    [title, status],
    { timeout: 5000 },
  );
}

async function changeTask(page: Page, title: string, status: string): Promise<void> {
  await page.selectOption(`select[aria-label='Status of ${title}']`, status);
  await waitForStatus(page, title, status);
}

Deno.test(
  "flags live: Ada turns live_updates off and on, and Grace's open page follows without a reload",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      const grace = await signedIn(browser, t, "grace@acme.test");
      await openDashboard(grace);
      await grace.page.waitForSelector(".live-indicator[data-state='live']");
      await grace.page.waitForTimeout(200);
      assertNoApiCalls(grace);

      const ada = await signedIn(browser, t, "ada@acme.test");
      await toggleFlag(ada.page, t, "live_updates");
      await grace.page.waitForSelector(".live-indicator[data-state='disabled']", {
        timeout: 5000,
      });
      assert.equal(await grace.page.textContent(".live-indicator"), "Live updates off");
      // The flag's event came in a batch with the context.
      assert.ok(grace.api.some((call) => call.method === "POST" && call.path === "/api/batch"));

      // Closed, and no reconnecting: only cheap conditional GETs of the context.
      const off = await sockets(grace.page);
      assert.equal(off.open, 0, "a socket is still open");
      const checksBefore = grace.api.length;
      await grace.page.waitForTimeout(POLL_MS * 4);
      assert.equal((await sockets(grace.page)).made, off.made, "the page reconnected");
      const checks = grace.api.slice(checksBefore).filter((call) => call.status !== undefined);
      assert.ok(checks.length >= 2, `${checks.length} checks while off`);
      for (const call of checks) {
        assert.deepEqual(
          [call.method, call.path, Boolean(call.ifNoneMatch), call.status],
          ["GET", "/api/context", true, 304],
        );
      }

      await toggleFlag(ada.page, t, "live_updates");
      await grace.page.waitForSelector(".live-indicator[data-state='live']", { timeout: 35_000 });
      assert.equal(await grace.page.textContent(".live-indicator"), "Live");

      await ada.page.goto(`${t.url}/`);
      await openDashboard(ada);
      await changeTask(ada.page, "Context consolidation", "done");
      await waitForStatus(grace.page, "Context consolidation", "done");
      await assertSameDocument(grace.page);
    });
  },
);

Deno.test(
  "flags live: a socket refused with 403 (live_updates off meanwhile) shows the page as off, not reconnecting",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      const grace = await signedIn(browser, t, "grace@acme.test");
      await openDashboard(grace);
      await grace.page.waitForSelector(".live-indicator[data-state='live']");
      // Cut Grace off, so she misses the flag's event and learns of it from the upgrade.
      await grace.context.setOffline(true);
      await grace.page.evaluate(() => {
        for (const socket of (globalThis as { __sockets?: WebSocket[] }).__sockets ?? []) {
          socket.close();
        }
      });
      await grace.page.waitForSelector(".live-indicator:not([data-state='live'])");
      await t.server.db.query(
        `INSERT INTO feature_flags (tenant_id, key, enabled, rollout_percent)
         SELECT id, 'live_updates', false, 100 FROM tenants WHERE name = 'Acme'`,
      );
      await grace.context.setOffline(false);
      await grace.page.waitForSelector(".live-indicator[data-state='disabled']", {
        timeout: 20_000,
      });
      const off = await sockets(grace.page);
      await grace.page.waitForTimeout(POLL_MS * 4);
      assert.equal((await sockets(grace.page)).made, off.made, "the page kept reconnecting");
      await assertSameDocument(grace.page);
    });
  },
);

Deno.test(
  "flags live: with request_batching off a change is revalidated with a conditional GET, not a batch",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      await t.server.db.query(
        `INSERT INTO feature_flags (tenant_id, key, enabled, rollout_percent)
         SELECT id, 'request_batching', false, 100 FROM tenants WHERE name = 'Acme'`,
      );
      const grace = await signedIn(browser, t, "grace@acme.test");
      await openDashboard(grace);
      await grace.page.waitForSelector(".live-indicator[data-state='live']");
      await grace.page.waitForTimeout(200);
      assertNoApiCalls(grace);
      const projectPath = `/api${new URL(grace.page.url()).pathname}`;

      const ada = await signedIn(browser, t, "ada@acme.test");
      await openDashboard(ada);
      await changeTask(ada.page, "Context consolidation", "done");
      await waitForStatus(grace.page, "Context consolidation", "done");

      assert.deepEqual(grace.api.filter((call) => call.path === "/api/batch"), []);
      const gets = grace.api.filter((call) => call.path === projectPath);
      assert.ok(gets.length >= 1, "no GET of the dashboard");
      for (const call of gets) {
        assert.equal(call.method, "GET");
        assert.ok(call.ifNoneMatch, "the GET was not conditional");
      }
      await assertSameDocument(grace.page);
    });
  },
);
