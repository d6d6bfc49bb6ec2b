/**
 * The shipped nginx configuration in front of three instances, over HTTPS, with Chromium: a
 * member signs in through the proxy, opens the dashboard, and another member's change reaches
 * the page live through the proxied socket (`wss://`).
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./_browser.ts";
import { startProxiedBeacon } from "./_proxied.ts";
import { scrapeMetrics } from "./_scrape.ts";

const options = { sanitizeOps: false, sanitizeResources: false };
const PROJECT = "Redis Caching Implementation";

async function openDashboard(browser: Browser, baseUrl: string, email: string) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const sockets: string[] = [];
  page.on("websocket", (socket) => sockets.push(socket.url()));
  await signIn(page, baseUrl, email);
  await page.click(`text=${PROJECT}`);
  await page.waitForSelector(".live-indicator[data-state='live']");
  return { context, page, sockets };
}

async function statusOf(page: Page, title: string): Promise<string | null> {
  return await page.getAttribute(
    `li.task:has(.task__title:text-is("${title}")) .task-status`,
    "data-status",
  );
}

Deno.test(
  "behind nginx: sign in, open the dashboard, and another member's change shows live",
  options,
  async () => {
    const beacon = await startProxiedBeacon(3);
    const browser = await launchBrowser();
    try {
      const ada = await openDashboard(browser, beacon.url, "ada@acme.test");
      const [cookie] = await ada.context.cookies();
      assert.equal(cookie.secure, true, "nginx said HTTPS, so the session cookie is Secure");
      // The home list and the dashboard each open their socket, both through nginx as wss://.
      assert.ok(ada.sockets.length > 0, "the dashboard went live through a socket");
      for (const url of ada.sockets) assert.equal(url, `${beacon.url.replace("https", "wss")}/ws`);

      const grace = await openDashboard(browser, beacon.url, "grace@acme.test");
      const title = "Context consolidation";
      assert.notEqual(await statusOf(ada.page, title), "done");
      await grace.page.selectOption(`select[aria-label='Status of ${title}']`, "done");
      await ada.page.waitForFunction(
        (title) =>
          [...document.querySelectorAll("li.task")].some((item) =>
            item.querySelector(".task__title")?.textContent === title &&
            item.querySelector(".task-status")?.getAttribute("data-status") === "done"
          ),
        title,
        { timeout: 5000 },
      );

      // Both pages' sockets went through nginx to the instances, which spread them. The home
      // pages' sockets closed as the dashboards opened; an instance may not have heard yet.
      const socketsPerInstance = () =>
        Promise.all(
          beacon.instances.map(async (server) =>
            (await scrapeMetrics(server.url)).get("beacon_ws_clients") ?? 0
          ),
        );
      let clients = await socketsPerInstance();
      for (let tries = 0; tries < 50 && clients.reduce((a, b) => a + b, 0) !== 2; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        clients = await socketsPerInstance();
      }
      assert.equal(clients.reduce((a, b) => a + b, 0), 2, `sockets per instance: ${clients}`);
      assert.ok(clients.every((n) => n <= 1), `least_conn spread the sockets: ${clients}`);
    } finally {
      await browser.close();
      await beacon.close();
    }
  },
);
