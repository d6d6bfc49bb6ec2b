/**
 * Islands in a real browser: Debian's Chromium, driven by playwright-core, loads a page from a
 * Hono app with two islands sharing a signal and two task status controls.
 */
import assert from "node:assert/strict";
import { signal } from "@preact/signals";
import { Hono } from "hono";
import { launchBrowser } from "./_browser.ts";
import { type ComponentChildren, h, type VNode } from "preact";
import { buildRoutes, ensureBuild, registerIslandModule, renderPage } from "../lib/islands/mod.ts";
import * as SharedCounter from "../lib/islands/testdata/islands/SharedCounter.tsx";
import * as SharedLabel from "../lib/islands/testdata/islands/SharedLabel.tsx";
import * as TaskStatus from "../lib/islands/testdata/islands/TaskStatus.tsx";

const CHROMIUM = "/usr/bin/chromium";
const ISLANDS = new URL("../lib/islands/testdata/islands/", import.meta.url).pathname;

function hasChromium(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}

registerIslandModule("SharedCounter", SharedCounter);
registerIslandModule("SharedLabel", SharedLabel);
registerIslandModule("TaskStatus", TaskStatus);

// deno-lint-ignore no-explicit-any
function page(...children: ComponentChildren[]): VNode<any> {
  return h(
    "html",
    { lang: "en" },
    h("head", null, h("meta", { charset: "utf-8" }), h("title", null, "Islands")),
    h("body", null, h("main", null, ...children)),
  );
}

function testApp(outDir: string, buildId: string, posts: string[]): Hono {
  const app = new Hono();
  app.route("/_build", buildRoutes({ outDir }));
  app.get("/", (c) => {
    const count = signal(3);
    return c.html(renderPage(
      page(
        h("h1", null, "Shared </script><!-- state"),
        h(SharedCounter.SharedCounter, { count }),
        h("p", null, "between islands"),
        h(SharedLabel.SharedLabel, { count, label: "Count" }),
        h(TaskStatus.TaskStatus, {
          projectId: "p1",
          taskId: "t1",
          title: "Write tests",
          status: "todo",
          canEdit: true,
          csrf: "token-1",
        }),
        h(TaskStatus.TaskStatus, {
          projectId: "p1",
          taskId: "t-net",
          title: "Flaky network",
          status: "todo",
          canEdit: true,
        }),
        h(TaskStatus.TaskStatus, {
          projectId: "p1",
          taskId: "t-ro",
          title: "Read only",
          status: "done",
          canEdit: false,
        }),
      ),
      { buildId },
    ));
  });
  app.get("/plain", (c) => c.html(renderPage(page(h("p", null, "No islands")), { buildId })));
  app.post("/projects/:projectId/tasks/:taskId", async (c) => {
    const form = await c.req.formData();
    const status = String(form.get("status"));
    const taskId = c.req.param("taskId");
    const json = c.req.header("accept") === "application/json";
    posts.push(`${taskId} ${status} ${json ? "json" : "form"} ${form.get("_csrf") ?? "-"}`);
    if (!json) return c.redirect("/?posted", 303);
    if (status === "done") return c.json({ error: "Task is locked" }, 422);
    return c.json({ task: { id: taskId, status } });
  });
  return app;
}

Deno.test({
  name: "islands hydrate in Chromium, share one signal and save task status with fetch",
  ignore: !hasChromium(),
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const outDir = await Deno.makeTempDir({ prefix: "beacon-browser-" });
    const posts: string[] = [];
    const build = await ensureBuild({ islandsDir: ISLANDS, outDir });
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      testApp(outDir, build.id, posts).fetch,
    );
    const origin = `http://127.0.0.1:${server.addr.port}`;
    const browser = await launchBrowser();
    try {
      const browserPage = await browser.newPage();
      const errors: string[] = [];
      const buildFiles: string[] = [];
      browserPage.on("response", (response) => {
        const url = new URL(response.url());
        if (url.pathname.startsWith("/_build/")) {
          buildFiles.push(`${response.status()} ${url.pathname}`);
        }
      });
      browserPage.on("pageerror", (error) => errors.push(error.message));
      browserPage.on("console", (message) => {
        // Failed requests (the favicon, the refused save) are checked on their own.
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
          errors.push(message.text());
        }
      });

      await browserPage.goto(`${origin}/`);
      const editable = browserPage.locator('[data-task-id="t1"]');
      // Hydrated: the Save button, needed only without JavaScript, is gone.
      await editable.locator("button").waitFor({ state: "detached", timeout: 10_000 });
      assert.equal(await browserPage.locator("script[type=module]").count(), 1);
      assert.equal(await browserPage.locator("script:not([src]):not([type])").count(), 0);
      // The page's boot module, the runtime, the three island chunks and the shared chunks,
      // each loaded once (the test page links no stylesheet or icon).
      const scripts = build.manifest.files.filter((file) => !build.manifest.assets.includes(file));
      assert.deepEqual(
        buildFiles.sort(),
        [...scripts, "boot.SharedCounter.SharedLabel.TaskStatus.js"]
          .map((file) => `200 /_build/${build.id}/${file}`).sort(),
      );

      // Two islands, one signal.
      await browserPage.locator(".shared-counter").click();
      await browserPage.locator(".shared-counter").click();
      await browserPage.waitForFunction(() =>
        document.querySelector(".shared-label")?.textContent === "Count: 5 (double 10)"
      );
      assert.equal(await browserPage.locator(".shared-counter").textContent(), "Add one (5)");
      assert.equal(await browserPage.locator(".shared-counter").count(), 1);
      assert.equal(await browserPage.locator(".shared-label").count(), 1);
      assert.equal(await browserPage.locator(".task-status").count(), 3);
      assert.equal(await browserPage.locator("select").count(), 2);
      assert.equal(
        await browserPage.locator("h1").textContent(),
        "Shared </script><!-- state",
      );

      // A successful save updates the control in place.
      await editable.locator("select").selectOption("doing");
      await editable.locator(".task-status-saved").waitFor();
      assert.equal(await editable.getAttribute("data-status"), "doing");
      assert.equal(browserPage.url(), `${origin}/`);

      // A refused save rolls the select back and shows the server's message.
      await editable.locator("select").selectOption("done");
      const alert = editable.locator('[role="alert"]');
      await alert.waitFor();
      assert.equal(await alert.textContent(), "Task is locked");
      assert.equal(await editable.locator("select").inputValue(), "doing");
      assert.equal(await editable.getAttribute("data-status"), "doing");
      assert.equal(await editable.locator(".task-status-mark").textContent(), "");

      // The read-only control has no form.
      const readOnly = browserPage.locator('[data-task-id="t-ro"]');
      assert.equal(await readOnly.locator("form").count(), 0);
      assert.equal(await readOnly.textContent(), "✓Done");

      // When fetch fails, the form is posted the old way and the server's 303 is followed.
      await browserPage.route("**/tasks/t-net", (route) => {
        return route.request().resourceType() === "fetch" ? route.abort() : route.continue();
      });
      await Promise.all([
        browserPage.waitForURL(`${origin}/?posted`),
        browserPage.locator('[data-task-id="t-net"] select').selectOption("done"),
      ]);
      assert.deepEqual(posts, [
        "t1 doing json token-1",
        "t1 done json token-1",
        "t-net done form -",
      ]);
      assert.deepEqual(errors, []);

      // A page without islands ships no JavaScript.
      await browserPage.goto(`${origin}/plain`);
      assert.equal(await browserPage.locator("script").count(), 0);
    } finally {
      await browser.close();
      await server.shutdown();
      await Deno.remove(outDir, { recursive: true });
    }
  },
});
