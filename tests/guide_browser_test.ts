/**
 * The pictures of the user guide (`docs/guide.md`), taken while walking its steps in Chromium:
 * start or import a project, change a section in place, follow it live, invite the team; and
 * its Markdown example, imported, exports again exactly as written. With
 * `UPDATE_SCREENSHOTS=1` they are saved into `docs/guide/`; otherwise into a temporary folder
 * that is removed, so a normal run changes no file.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { signIn, withServerAndBrowser } from "./_browser.ts";
import {
  button,
  LIVE_MS,
  openEdit,
  options,
  type Person,
  submit,
  waitForText,
} from "./_journeys.ts";

const UPDATE = Deno.env.get("UPDATE_SCREENSHOTS") === "1";
const GUIDE = fileURLToPath(new URL("../docs/guide/", import.meta.url));
const REFERENCE_FILE = fileURLToPath(
  new URL("../lib/markdown/testdata/reference.md", import.meta.url),
);
const GUIDE_TEXT = await Deno.readTextFile(new URL("../docs/guide.md", import.meta.url));
const VIEWPORT = { width: 1200, height: 1000 };

/** Saves a picture of an element, or of the page from its top down to an element's bottom. */
async function picture(
  folder: string,
  name: string,
  target: Locator | { page: Page; downTo: Locator },
): Promise<void> {
  const path = `${folder}/${name}`;
  if ("downTo" in target) {
    const box = await target.downTo.boundingBox();
    assert.ok(box, `${name}: the element is shown`);
    const height = Math.min(VIEWPORT.height, Math.ceil(box.y + box.height + 16));
    await target.page.screenshot({ path, clip: { x: 0, y: 0, width: VIEWPORT.width, height } });
  } else {
    await target.screenshot({ path });
  }
  const { size } = await Deno.stat(path);
  assert.ok(size > 5_000 && size < 400_000, `${name} is a picture of a reasonable size: ${size}`);
}

Deno.test(
  "the user guide's pictures show each of its steps, and its example imports as written",
  options,
  async () => {
    const folder = UPDATE ? GUIDE : await Deno.makeTempDir({ prefix: "beacon-guide-" });
    await Deno.mkdir(folder, { recursive: true });
    try {
      await withServerAndBrowser(async (t, browser) => {
        const open = async (email: string): Promise<Person> => {
          const context = await browser.newContext({ viewport: VIEWPORT });
          const page = await context.newPage();
          await signIn(page, t.url, email);
          return { context, page, js: true };
        };
        const ada = await open("ada@acme.test");

        // Start a project, or import one.
        await picture(folder, "start-a-project.png", ada.page.locator(".new-project"));
        await ada.page.setInputFiles("#import-file", REFERENCE_FILE);
        const imported = await submit(ada, button(ada.page, "Import"));
        assert.equal(imported.status, 303);

        // Follow it live: Grace has the dashboard open while Ada adds a blocker.
        const grace = await open("grace@acme.test");
        await grace.page.goto(imported.url.href);
        await grace.page.waitForSelector(".live-indicator[data-state='live']");
        await openEdit(ada, "#blockers");
        await ada.page.fill("#blocker-new-text", "Staging Redis credentials not issued yet");
        await picture(folder, "edit-a-section.png", ada.page.locator("#blockers"));
        await submit(ada, button(ada.page, "Add blocker"));
        await waitForText(grace.page, 'tr[data-metric="Blockers"] .status__label', "1 open");
        await grace.page.locator("#blockers [data-blockers='1']").waitFor({ timeout: LIVE_MS });
        await picture(folder, "follow-live.png", {
          page: grace.page,
          downTo: grace.page.locator("#summary"),
        });

        // Invite the team: the owner adds a person and passes on the link.
        await ada.page.goto(`${t.url}/members`);
        await ada.page.fill("#member-new-email", "katherine@acme.test");
        await ada.page.fill("#member-new-name", "Katherine Johnson");
        const added = await submit(ada, button(ada.page, "Add person"));
        assert.equal(added.status, 201);
        await picture(folder, "invite-the-team.png", {
          page: ada.page,
          downTo: ada.page.getByRole("region", { name: "People" }),
        });
        const link = await ada.page.inputValue(".invite-link__url");
        const newcomer = await browser.newContext({ viewport: VIEWPORT });
        const welcome = await newcomer.newPage();
        await welcome.goto(link);
        await picture(folder, "set-a-password.png", welcome.locator(".login__card"));

        // The guide's Markdown example imports, and exports again exactly as written.
        const example = GUIDE_TEXT.split("```markdown\n")[1].split("\n```")[0];
        await ada.page.goto(t.url);
        await ada.page.fill("#import-markdown", example);
        const fromGuide = await submit(ada, button(ada.page, "Import"));
        assert.equal(fromGuide.status, 303);
        const exported = await ada.page.request.get(`${t.url}${fromGuide.url.pathname}/export.md`);
        assert.equal(await exported.text(), `${example}\n`);
      });
    } finally {
      if (!UPDATE) await Deno.remove(folder, { recursive: true });
    }
  },
);
