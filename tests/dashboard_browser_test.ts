import assert from "node:assert/strict";
import { signIn, withServerAndBrowser } from "./_browser.ts";

const options = { sanitizeOps: false, sanitizeResources: false };

Deno.test(
  "in Chromium a task changed with the island stays changed after a reload",
  options,
  async () => {
    await withServerAndBrowser(async (t, browser) => {
      const page = await browser.newPage();
      await signIn(page, t.url, "grace@acme.test");
      await page.click("text=Redis Caching Implementation");
      await page.waitForSelector("#phases");
      assert.ok(await page.isVisible("text=Launched expert agents with specific task briefs"));
      const task = page.locator(".task-status", { hasText: "" }).filter({
        has: page.locator("select[aria-label='Status of GlobalContext provider']"),
      });
      const select = task.locator("select[name=status]");
      // Hydrated: the Save button is gone and the select saves by itself.
      await task.locator("button").waitFor({ state: "detached" });
      const saved = page.waitForResponse((r) => r.request().method() === "POST");
      await select.selectOption("done");
      const response = await saved;
      assert.equal(response.status(), 200);
      await task.locator(".task-status-saved").waitFor();
      assert.equal(await task.getAttribute("data-status"), "done");
      await page.reload();
      assert.equal(
        await page.locator("select[aria-label='Status of GlobalContext provider']").inputValue(),
        "done",
      );
      const [row] = await t.server.db.query<{ status: string }>(
        "SELECT status FROM tasks WHERE title = 'GlobalContext provider'",
      );
      assert.equal(row.status, "done");
    });
  },
);

Deno.test("without JavaScript the task form posts and redirects back", options, async () => {
  await withServerAndBrowser(async (t, browser) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, t.url, "ada@acme.test");
    await page.click("text=Redis Caching Implementation");
    const label = "Status of Context consolidation";
    const form = page.locator("form", { has: page.locator(`select[aria-label='${label}']`) });
    await form.locator("select").selectOption("doing");
    await Promise.all([
      page.waitForURL(/\/projects\/[0-9a-f-]+#task-/),
      form.locator("button").click(),
    ]);
    assert.equal(await page.locator(`select[aria-label='${label}']`).inputValue(), "doing");
    // A viewer sees the same page with no forms at all.
    const viewer = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signIn(viewer, t.url, "linus@acme.test");
    await viewer.click("text=Redis Caching Implementation");
    assert.equal(await viewer.locator("form[action^='/projects/']").count(), 0);
  });
});
