import assert from "node:assert/strict";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { signIn, type TestServer, withServerAndBrowser } from "./_browser.ts";

const options = { sanitizeOps: false, sanitizeResources: false };
const PROJECT = "Redis Caching Implementation";
const ISLANDS = [
  "DashboardSummary",
  "PhaseCard",
  "TeamTable",
  "KeyMetrics",
  "RiskRegister",
  "MilestoneBoard",
  "CommunicationLog",
];

/** A signed-in reader on the dashboard, with the API requests and batches its page made. */
interface Reader {
  context: BrowserContext;
  page: Page;
  /** Paths of every `/api/` request since the dashboard's HTML was asked for. */
  api: string[];
}

/** Counts renders, and keeps every WebSocket so a test can cut it. */
const INIT_SCRIPT = `
  globalThis.__beaconRenders = {};
  globalThis.__sockets = [];
  const NativeWebSocket = globalThis.WebSocket;
  globalThis.WebSocket = class extends NativeWebSocket {
    constructor(...args) { super(...args); globalThis.__sockets.push(this); }
  };
`;

async function openDashboard(browser: Browser, t: TestServer, email: string): Promise<Reader> {
  const context = await browser.newContext();
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  await signIn(page, t.url, email);
  const api: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/api/")) api.push(path);
  });
  await page.click(`text=${PROJECT}`);
  await page.waitForSelector(".live-indicator[data-state='live']");
  // Set after load: a reload would lose it.
  await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));
  return { context, page, api };
}

async function waitForStatus(page: Page, title: string, status: string): Promise<void> {
  await page.waitForFunction(
    ([title, status]) => {
      for (const item of document.querySelectorAll("li.task")) {
        if (item.querySelector(".task__title")?.textContent !== title) continue;
        const control = item.querySelector(".task-status");
        const select = item.querySelector("select");
        return control?.getAttribute("data-status") === status &&
          (!select || select.value === status);
      }
      return false;
    },
    [title, status],
    { timeout: 5000 },
  );
}

function renders(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({
    ...(globalThis as { __beaconRenders?: Record<string, number> }).__beaconRenders,
  }));
}

async function assertSameDocument(page: Page): Promise<void> {
  assert.equal(
    await page.evaluate(() => (globalThis as { __sameDocument?: boolean }).__sameDocument),
    true,
    "the page was reloaded",
  );
}

function batches(reader: Reader): number {
  return reader.api.filter((path) => path === "/api/batch").length;
}

Deno.test(
  "live dashboards: a change by Ada or by SQL reaches every reader without a reload, and loading asks no API",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      const ada = await openDashboard(browser, t, "ada@acme.test");
      const grace = await openDashboard(browser, t, "grace@acme.test");
      // Hydrated from the page: the store asked nothing of the API.
      await grace.page.waitForTimeout(200);
      assert.deepEqual(ada.api, []);
      assert.deepEqual(grace.api, []);
      assert.equal(await grace.page.textContent(".live-indicator"), "Live");

      await ada.page.selectOption("select[aria-label='Status of Context consolidation']", "done");
      await waitForStatus(grace.page, "Context consolidation", "done");

      await t.server.db.query("UPDATE tasks SET status='done' WHERE title='Full rollout'");
      await waitForStatus(ada.page, "Full rollout", "done");
      await waitForStatus(grace.page, "Full rollout", "done");
      await assertSameDocument(ada.page);
      await assertSameDocument(grace.page);
    });
  },
);

Deno.test(
  "live dashboards: a burst of 5 writes is one batch per page and renders only the phase it touched",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      const readers = [
        await openDashboard(browser, t, "ada@acme.test"),
        await openDashboard(browser, t, "grace@acme.test"),
      ];
      const before = await Promise.all(readers.map((r) => renders(r.page)));
      const titles = [
        "Performance testing",
        "User acceptance testing",
        "Documentation completion",
        "Training materials",
        "Full rollout",
      ];
      await Promise.all(
        titles.map((title) =>
          t.server.db.query("UPDATE tasks SET status = 'doing' WHERE title = $1", [title])
        ),
      );
      for (const reader of readers) {
        for (const title of titles) await waitForStatus(reader.page, title, "doing");
      }
      await readers[0].page.waitForTimeout(300);
      for (const [i, reader] of readers.entries()) {
        const sent = batches(reader);
        // One batch, or two when the burst straddled a batch already in flight: events that
        // arrive during a flight wait for exactly one follow-up.
        assert.ok(sent >= 1 && sent <= 2, `page ${i} sent ${sent} batches`);
        const after = await renders(reader.page);
        const phaseRenders = (after.PhaseCard ?? 0) - (before[i].PhaseCard ?? 0);
        // Only Phase 4's card renders again, once per batch that changed it.
        assert.ok(phaseRenders >= 1 && phaseRenders <= sent, `PhaseCard rendered ${phaseRenders}`);
        for (const island of ISLANDS.filter((name) => name !== "PhaseCard")) {
          assert.equal(after[island], before[i][island], `${island} rendered again`);
        }
        await assertSameDocument(reader.page);
      }
    });
  },
);

Deno.test(
  "live dashboards: a task change shows at once and rolls back with a message when refused",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      const ada = await openDashboard(browser, t, "ada@acme.test");
      const title = "Canary deployment";
      let release!: () => void;
      const held = new Promise<void>((resolve) => release = resolve);
      await ada.page.route(/\/projects\/[^/]+\/tasks\/[^/]+$/, async (route) => {
        await held;
        await route.fulfill({
          status: 409,
          contentType: "application/json",
          body: JSON.stringify({ error: "The task was archived meanwhile" }),
        });
      });
      await ada.page.selectOption(`select[aria-label='Status of ${title}']`, "done");
      // Optimistic: shown before the server answered.
      await waitForStatus(ada.page, title, "done");
      release();
      await waitForStatus(ada.page, title, "todo");
      const alert = ada.page.locator(".task-status-error[role=alert]");
      assert.equal(await alert.textContent(), "The task was archived meanwhile");
      const [row] = await t.server.db.query<{ status: string }>(
        "SELECT status FROM tasks WHERE title = $1",
        [title],
      );
      assert.equal(row.status, "todo");
    });
  },
);

Deno.test(
  "live dashboards: a reader whose socket was cut gets all 10 changes made meanwhile",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      const ada = await openDashboard(browser, t, "ada@acme.test");
      const grace = await openDashboard(browser, t, "grace@acme.test");
      await grace.context.setOffline(true);
      await grace.page.evaluate(() => {
        for (const socket of (globalThis as { __sockets?: WebSocket[] }).__sockets ?? []) {
          socket.close();
        }
      });
      await grace.page.waitForSelector(".live-indicator:not([data-state='live'])");
      const changed = await ada.page.evaluate(async () => {
        const titles: string[] = [];
        for (const item of document.querySelectorAll("li.task")) {
          if (titles.length === 10) break;
          const form = item.querySelector("form");
          const select = item.querySelector("select");
          if (!form || !select || select.value === "doing") continue;
          const body = new FormData(form);
          body.set("status", "doing");
          const response = await fetch(form.action, {
            method: "POST",
            body,
            headers: { Accept: "application/json" },
          });
          if (!response.ok) throw new Error(`Write failed: ${response.status}`);
          titles.push(item.querySelector(".task__title")!.textContent!);
        }
        return titles;
      });
      assert.equal(changed.length, 10);
      const batchesBefore = batches(grace);
      await grace.context.setOffline(false);
      await grace.page.waitForSelector(".live-indicator[data-state='live']", { timeout: 15_000 });
      for (const title of changed) await waitForStatus(grace.page, title, "doing");
      await assertSameDocument(grace.page);
      const sent = batches(grace) - batchesBefore;
      assert.ok(sent >= 1 && sent <= 2, `Grace sent ${sent} batches after reconnecting`);
    });
  },
);

Deno.test(
  "live dashboards: back to the dashboard shows the last state at once, then revalidates",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      const grace = await openDashboard(browser, t, "grace@acme.test");
      await t.server.db.query("UPDATE tasks SET status='doing' WHERE title='Canary deployment'");
      await waitForStatus(grace.page, "Canary deployment", "doing");
      await grace.page.click(".breadcrumb a");
      await grace.page.waitForURL(`${t.url}/`);
      await grace.page.goBack();
      await waitForStatus(grace.page, "Canary deployment", "doing");
      await grace.page.waitForSelector(".live-indicator[data-state='live']");
    });
  },
);
