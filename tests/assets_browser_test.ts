/**
 * In Chromium: the dashboard arrives compressed, its stylesheet, icon and scripts are
 * immutable files of the build, and a repeat view downloads none of them — only the page is
 * revalidated (a 304). A failed form shown again (422) keeps its values through hydration and
 * later renders, though the islands' props do not carry them.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { signIn, withServerAndBrowser } from "./_browser.ts";

const options = { sanitizeOps: false, sanitizeResources: false };
const PROJECT = "Redis Caching Implementation";

interface Entry {
  name: string;
  transferSize: number;
  encodedBodySize: number;
}

/** The build files this document loaded, as resource timing saw them. */
function buildEntries(page: Page): Promise<Entry[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((e) => new URL(e.name).pathname.startsWith("/_build/"))
      .map((e) => ({
        name: new URL(e.name).pathname,
        transferSize: e.transferSize,
        encodedBodySize: e.encodedBodySize,
      }))
  );
}

function navigationTransfer(page: Page): Promise<number> {
  return page.evaluate(() =>
    (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).transferSize
  );
}

Deno.test(
  "in Chromium a repeat view of the dashboard downloads no CSS or JS",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      const page = await browser.newPage();
      const documents: { status: number; encoding?: string }[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "document") {
          documents.push({
            status: response.status(),
            encoding: response.headers()["content-encoding"],
          });
        }
      });
      await signIn(page, t.url, "ada@acme.test");
      await page.click(`text=${PROJECT}`);
      await page.waitForSelector(".live-indicator[data-state='live']");
      const first = await buildEntries(page);
      const files = first.map((e) => e.name);
      assert.ok(files.some((f) => /^\/_build\/[0-9a-f]{16}\/app\.css$/.test(f)), "the stylesheet");
      assert.ok(files.some((f) => /\/boot\.[A-Za-z.]+\.js$/.test(f)), "the boot module");
      assert.ok(files.some((f) => f.endsWith("/client.js")), "the runtime");
      assert.equal(documents.at(-1)?.encoding, "br", "the page arrives in brotli");

      // Away and back, as a reader does: the page is revalidated, nothing else is fetched.
      await page.click("a.brand");
      await page.waitForURL(`${t.url}/`);
      await page.click(`text=${PROJECT}`);
      await page.waitForSelector(".live-indicator[data-state='live']");
      const repeat = await buildEntries(page);
      assert.deepEqual(repeat.map((e) => e.name).sort(), [...files].sort());
      for (const entry of repeat) {
        assert.equal(entry.transferSize, 0, `${entry.name} came from the browser's cache`);
      }
      const documentBytes = await navigationTransfer(page);
      assert.ok(
        documentBytes > 0 && documentBytes < 1500,
        `the page: ${documentBytes} bytes (a 304)`,
      );
    });
  },
);

Deno.test("in Chromium a failed form keeps its values after hydration", options, async () => {
  await withServerAndBrowser(async (t, browser) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, t.url, "ada@acme.test");
    await page.click(`text=${PROJECT}`);
    await page.waitForSelector(".live-indicator[data-state='live']");
    const long = "x".repeat(1200);
    // The register's editors, then the add form posts without the island's help; the 422
    // page is the dashboard again, the editors open.
    await page.click("#risks a.section-edit");
    await page.fill("#risk-new-title", "A risk with too long a mitigation");
    await page.evaluate((value) => {
      const field = document.querySelector<HTMLInputElement>("#risk-new-mitigation")!;
      field.removeAttribute("maxlength");
      field.value = value;
    }, long);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 422),
      page.click("form[action$='/risks'] button[type=submit]"),
    ]);
    await page.waitForSelector(".live-indicator[data-state='live']");
    assert.equal(await page.inputValue("#risk-new-mitigation"), long);
    assert.equal(await page.inputValue("#risk-new-title"), "A risk with too long a mitigation");
    assert.equal(await page.getAttribute("#risk-new-mitigation", "aria-invalid"), "true");
    // Someone changes a risk: the register renders again and the values stay.
    await t.server.db.query("UPDATE risks SET owner = 'Renamed owner' WHERE title = $1", [
      "Cache invalidation complexity",
    ]);
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLInputElement>("#risks input[name=owner]")]
        .some((input) => input.value === "Renamed owner")
    );
    assert.equal(await page.inputValue("#risk-new-mitigation"), long);
    assert.equal(await page.inputValue("#risk-new-title"), "A risk with too long a mitigation");
  });
});
