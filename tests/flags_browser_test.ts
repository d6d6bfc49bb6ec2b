import assert from "node:assert/strict";
import { signIn, withServerAndBrowser } from "./_browser.ts";

const options = { sanitizeOps: false, sanitizeResources: false };

Deno.test("in Chromium Ada turns a flag off and on from /admin/flags", options, async () => {
  await withServerAndBrowser(async (t, browser) => {
    const page = await browser.newPage();
    await signIn(page, t.url, "ada@acme.test");
    await Promise.all([
      page.waitForURL(`${t.url}/admin/flags`),
      page.click("a[href='/admin/flags']"),
    ]);
    const row = page.locator("tr[data-flag=live_updates]");
    assert.equal(await row.locator("[data-cell=effective]").innerText(), "On · 100%");
    assert.equal(await row.locator("[data-cell=override]").innerText(), "Default");

    await Promise.all([
      page.waitForURL(/\/admin\/flags#flag-live_updates$/),
      row.locator("button[data-action=toggle]").click(),
    ]);
    assert.equal(await row.locator("[data-cell=effective]").innerText(), "Off");
    assert.equal(await row.locator("[data-cell=for-you]").innerText(), "Off");

    await row.locator("select[name=enabled]").selectOption("on");
    await row.locator("input[type=number][name=rollout_percent]").fill("100");
    await Promise.all([
      page.waitForURL(/\/admin\/flags#flag-live_updates$/),
      row.locator("button", { hasText: "Save" }).click(),
    ]);
    assert.equal(await row.locator("[data-cell=effective]").innerText(), "On · 100%");
    assert.equal(await row.locator("[data-cell=for-you]").innerText(), "On");

    await Promise.all([
      page.waitForURL(/\/admin\/flags#flag-live_updates$/),
      row.locator("button", { hasText: "Reset to default" }).click(),
    ]);
    assert.equal(await row.locator("[data-cell=override]").innerText(), "Default");
    const rows = await t.server.db.query<{ text: string }>(
      "SELECT text FROM log_entries WHERE text LIKE 'Flag live_updates%' ORDER BY at",
    );
    assert.deepEqual(rows.map((r) => r.text), [
      "Flag live_updates set to off (rollout 100%) by Ada Lovelace",
      "Flag live_updates set to on (rollout 100%) by Ada Lovelace",
      "Flag live_updates reset to the default, on (rollout 100%), by Ada Lovelace",
    ]);
  });
});
