/**
 * What the page-load benchmark measures in Chromium: a navigation's timing, bytes and LCP, the
 * API calls and island renders of an invalidation burst, and the cache's share of a session.
 *
 * @module
 */
import type { Browser, BrowserContext, Page } from "playwright-core";

/** One navigation, as the page's own timing saw it (ms from its start; bytes transferred). */
export interface Visit {
  responseEnd: number;
  domContentLoaded: number;
  load: number;
  /** Largest contentful paint, ms; null when Chromium reported none. */
  lcp: number | null;
  /** Document plus every resource it loaded by then (headers included). */
  bytes: number;
  /** Requests to `/api/` from the navigation until the page settled. */
  apiCalls: number;
}

/** Counts renders of each island (`countRender`) from the first script on. */
export const COUNT_RENDERS = "globalThis.__beaconRenders = {};";

/** A context signed in with `cookie` (`name=value`) on `origin`, counting renders. */
export async function signedInContext(
  browser: Browser,
  origin: string,
  cookie: string | null,
): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(COUNT_RENDERS);
  if (cookie) {
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: origin }]);
  }
  return context;
}

/** Navigates to `url` and measures the visit once the page settled (hydrated, idle 200 ms). */
export async function visit(page: Page, url: string): Promise<Visit> {
  let apiCalls = 0;
  const count = (request: { url(): string }) => {
    if (new URL(request.url()).pathname.startsWith("/api/")) apiCalls++;
  };
  page.on("request", count);
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(
      () => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return nav.loadEventEnd > 0 && document.querySelector(".task-status button") === null;
      },
      null,
      { timeout: 15_000 },
    );
    await page.waitForTimeout(200);
    const measured = await page.evaluate(measureInPage);
    return { ...measured, apiCalls };
  } finally {
    page.off("request", count);
  }
}

/** A visit's main-thread time by kind, ms, from the navigation until the page settled. */
export interface VisitProfile {
  load: number;
  /** All main-thread tasks (Chromium's `TaskDuration`). */
  task: number;
  /** Running JavaScript (`ScriptDuration`): module evaluation, hydration, the store. */
  script: number;
  /** Layout (`LayoutDuration`). */
  layout: number;
  /** Style recalculation (`RecalcStyleDuration`). */
  style: number;
}

/**
 * {@linkcode visit}, profiled: the renderer's own counters (`Performance.getMetrics` over the
 * DevTools protocol) before and after, so the time the page spent is split into script, layout,
 * style and the rest of the main thread's tasks (parsing HTML, compiling modules, painting).
 */
export async function profiledVisit(page: Page, url: string): Promise<VisitProfile> {
  const cdp = await page.context().newCDPSession(page);
  const counters = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return new Map(metrics.map((m) => [m.name, m.value]));
  };
  try {
    await cdp.send("Performance.enable");
    const before = await counters();
    const { load } = await visit(page, url);
    const after = await counters();
    const ms = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000;
    return {
      load,
      task: ms("TaskDuration"),
      script: ms("ScriptDuration"),
      layout: ms("LayoutDuration"),
      style: ms("RecalcStyleDuration"),
    };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Runs in the page: navigation timing, bytes of everything loaded, and the LCP. */
async function measureInPage(): Promise<Omit<Visit, "apiCalls">> {
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
  const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  const lcp = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 500);
    new PerformanceObserver((list) => {
      clearTimeout(timer);
      resolve(list.getEntries().at(-1)?.startTime ?? null);
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  return {
    responseEnd: nav.responseEnd,
    domContentLoaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    lcp,
    bytes: resources.reduce((sum, r) => sum + r.transferSize, nav.transferSize),
  };
}

/** Island renders counted so far on a page. */
export function renders(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({
    ...(globalThis as { __beaconRenders?: Record<string, number> }).__beaconRenders,
  }));
}

/** How many islands the page's markup marks. */
export function islandCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
    let n = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if ((node as Comment).data.startsWith("beacon-island:")) n++;
    }
    return n;
  });
}

/** Waits until the task titled `title` shows `status`. */
export async function waitForStatus(page: Page, title: string, status: string): Promise<void> {
  await page.waitForFunction(
    ([title, status]) =>
      [...document.querySelectorAll("li.task")].some((item) =>
        item.querySelector(".task__title")?.textContent === title &&
        item.querySelector(".task-status")?.getAttribute("data-status") === status
      ),
    [title, status],
    { timeout: 10_000 },
  );
}

/**
 * Waits until the page has made no request and rendered no island for `quietMs` (at most
 * `maxMs` in all), so late batches and renders are counted, not cut off.
 */
export async function settle(page: Page, quietMs = 500, maxMs = 5_000): Promise<void> {
  const state = () =>
    page.evaluate(() =>
      JSON.stringify([
        performance.getEntriesByType("resource").length,
        (globalThis as { __beaconRenders?: Record<string, number> }).__beaconRenders,
      ])
    );
  const deadline = Date.now() + maxMs;
  let last = await state();
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < deadline) {
    await page.waitForTimeout(50);
    const now = await state();
    if (now !== last) [last, since] = [now, Date.now()];
  }
}

/** Bytes and requests a page made since resource timing held `since` entries. */
export function resourcesSince(
  page: Page,
  since: number,
): Promise<{ count: number; bytes: number; entries: number }> {
  return page.evaluate((since) => {
    const all = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const added = all.slice(since);
    return {
      count: added.length,
      bytes: added.reduce((sum, r) => sum + r.transferSize, 0),
      entries: all.length,
    };
  }, since);
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
