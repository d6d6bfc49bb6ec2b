/**
 * In Chromium: the cache monitor after some traffic shows charts that have data, keeps
 * updating by itself. With `UPDATE_SCREENSHOTS=1` the picture is saved as
 * `docs/admin-cache.png` for the README; otherwise it goes to a temporary file.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { signIn, withServerAndBrowser } from "./_browser.ts";

const options = { sanitizeOps: false, sanitizeResources: false };
const SCREENSHOT = Deno.env.get("UPDATE_SCREENSHOTS") === "1"
  ? new URL("../docs/admin-cache.png", import.meta.url).pathname
  : Deno.makeTempFileSync({ prefix: "beacon-admin-cache-", suffix: ".png" });

/** How many points the chart's line of that series draws. */
async function points(page: Page, chart: string, series: string): Promise<number> {
  const value = await page.getAttribute(
    `section[data-chart="${chart}"] path.chart-line[data-series="${series}"]`,
    "data-points",
  );
  return Number(value ?? 0);
}

Deno.test("in Chromium the cache monitor charts live traffic", options, async () => {
  await withServerAndBrowser(async (t, browser) => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await signIn(page, t.url, "ada@acme.test");
    // A dashboard left open holds a WebSocket, so the clients chart has someone to count.
    const dashboard = await context.newPage();
    await dashboard.goto(t.url);
    await dashboard.click("text=Redis Caching Implementation");
    const project = dashboard.url();

    // Four seconds of traffic: fresh pages, revalidations (304) and JSON.
    const until = Date.now() + 4000;
    let sent = 0;
    while (Date.now() < until && sent < 400) {
      const res = await page.request.get(sent % 3 === 0 ? t.url + "/" : project);
      const etag = res.headers()["etag"];
      await page.request.get(project, { headers: etag ? { "if-none-match": etag } : {} });
      sent += 2;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }

    await page.goto(`${t.url}/admin/cache`);
    await page.waitForSelector('section[data-chart="hit-ratio"] svg');
    assert.ok(await points(page, "requests", "all") >= 3, "requests per second has points");
    assert.ok(await points(page, "hit-ratio", "hits / lookups") >= 2, "hit ratio has points");
    assert.ok(await points(page, "latency", "all") >= 2, "p99 latency has points");
    assert.ok(await points(page, "breaker", "state") >= 3, "breaker state has points");
    assert.ok(await points(page, "ws-clients", "connected") >= 3, "WebSocket clients has points");
    const path = await page.getAttribute(
      'section[data-chart="requests"] path.chart-line[data-series="all"]',
      "d",
    );
    assert.match(path ?? "", /^M[\d.]+ [\d.]+L[\d.]+ [\d.]+/, "a drawn line");
    assert.match(
      await page.textContent('[data-table="tenants"]') ?? "",
      /Acme/,
      "the tenant's own row",
    );

    // The island polls: the sample count grows without a reload.
    const before = Number(await page.getAttribute(".cache-monitor", "data-samples"));
    await page.waitForFunction(
      (n) => Number(document.querySelector(".cache-monitor")?.getAttribute("data-samples")) > n,
      before,
      { timeout: 10_000 },
    );

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = await Deno.stat(SCREENSHOT);
    assert.ok(png.size > 10_000, "a screenshot was written");
    if (!SCREENSHOT.includes("/docs/")) await Deno.remove(SCREENSHOT);
    await context.close();
  });
});
