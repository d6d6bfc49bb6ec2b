/**
 * In Chromium with JavaScript: what an editor types into a dashboard's forms stays there — when
 * the page comes alive after they started typing, and when a colleague's change redraws the
 * section they are typing in.
 */
import assert from "node:assert/strict";
import { withServerAndBrowser } from "./_browser.ts";
import {
  assertNotReloaded,
  button,
  isEditing,
  LIVE_MS,
  openEdit,
  options,
  signedIn,
  submit,
} from "./_journeys.ts";

const PROJECT = "Redis Caching Implementation";
const LOG_TEXT = "Typed while the page was still loading";
const BLOCKER_TEXT = "Load balancer certificate expires Friday";

Deno.test(
  "what an editor types stays while the page comes alive and while changes arrive",
  options,
  async (test) => {
    await withServerAndBrowser(async (t, browser) => {
      const js = { javaScriptEnabled: true };
      const ada = await signedIn(browser, t, "ada@acme.test", js);
      const href = await ada.page.getByRole("link", { name: PROJECT }).getAttribute("href");
      const dashboard = new URL(href!, t.url).href;

      await test.step("typed before the islands hydrated", async () => {
        let release!: () => void;
        const held = new Promise<void>((resolve) => release = resolve);
        await ada.page.route("**/_build/**", async (route) => {
          await held;
          await route.continue();
        });
        // Before the islands hydrate, Edit is a link to the page with the section's forms.
        await ada.page.goto(`${dashboard}?edit=blockers#blockers`, { waitUntil: "commit" });
        await ada.page.fill("#log-text", LOG_TEXT);
        await ada.page.fill("#blocker-new-text", BLOCKER_TEXT);
        assert.equal(await ada.page.locator(".live-indicator[data-state='live']").count(), 0);
        release();
        await ada.page.waitForSelector(".live-indicator[data-state='live']");
        await ada.page.unroute("**/_build/**");
        assert.equal(await ada.page.inputValue("#log-text"), LOG_TEXT);
        assert.equal(await ada.page.inputValue("#blocker-new-text"), BLOCKER_TEXT);
        assert.ok(await isEditing(ada.page, "#blockers"), "the forms stay shown");
      });

      await test.step("typed while a colleague's changes redrew the sections", async () => {
        await ada.page.evaluate(() => Object.assign(globalThis, { __marker: "still open" }));
        const grace = await signedIn(browser, t, "grace@acme.test", js);
        await grace.page.goto(dashboard);
        await openEdit(grace, "#blockers");
        await grace.page.fill("#blocker-new-text", "Vendor contract unsigned");
        await submit(grace, button(grace.page, "Add blocker"));
        await grace.page.fill("#log-text", "Grace was here");
        await submit(grace, button(grace.page, "Add entry"));

        const arrived = ada.page.locator("#blockers .editor__list li", {
          hasText: "Vendor contract unsigned",
        });
        await arrived.waitFor({ timeout: LIVE_MS });
        await ada.page.locator(".log__text p", { hasText: "Grace was here" }).waitFor({
          timeout: LIVE_MS,
        });
        await assertNotReloaded(ada);
        assert.equal(await ada.page.inputValue("#log-text"), LOG_TEXT);
        assert.equal(await ada.page.inputValue("#blocker-new-text"), BLOCKER_TEXT);

        await submit(ada, button(ada.page, "Add blocker"));
        const open = await ada.page.locator("#blockers .blocker").allTextContents();
        assert.deepEqual(open.sort(), [BLOCKER_TEXT, "Vendor contract unsigned"].sort());
        await grace.context.close();
      });
      await ada.context.close();
    });
  },
);
