/**
 * In Chromium, with JavaScript on and off: an owner adds a person at `/members` and is shown
 * a one-time sign-in link, while a second owner's open People page shows the person, invited,
 * without a reload; the newcomer opens the link in a browser of their own, sets a password
 * and lands signed in; the link then is spent, and the second owner's page says so. Signed in
 * again with that password, the newcomer's open dashboard follows the owner's changes without a
 * reload. Refused forms say why and reload as pages.
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import type { TestServer } from "./_browser.ts";
import {
  assertBackOnDashboard,
  assertNotReloaded,
  button,
  journeyTest,
  LIVE_MS,
  type Mode,
  type Person,
  signedIn,
  submit,
  watch,
} from "./_journeys.ts";

const NAME = "Katherine Johnson";
const PASSWORD = "a long enough password";

async function refuseABadEmail(ada: Person): Promise<void> {
  await ada.page.fill("#member-new-email", "katherine at acme");
  const refused = await submit(ada, button(ada.page, "Add person"));
  assert.equal(refused.status, 422);
  assert.equal(refused.url.pathname, "/members");
  assert.equal(
    await ada.page.textContent("#member-new-email-error"),
    "Enter a valid email address",
  );
  assert.equal(await ada.page.inputValue("#member-new-email"), "katherine at acme");
  const again = await ada.page.goto(refused.url.href);
  assert.equal(again?.status(), 200, "the people page, opened again");
  assert.equal(await ada.page.textContent("h1"), "People");
}

/** Adds a person and returns the one-time link the page shows. */
async function addPerson(ada: Person, email: string): Promise<string> {
  await ada.page.fill("#member-new-email", email);
  await ada.page.fill("#member-new-name", NAME);
  await ada.page.selectOption("#member-new-role", "member");
  const added = await submit(ada, button(ada.page, "Add person"));
  // The link is shown in this answer only, so it is no redirect.
  assert.equal(added.status, 201);
  const row = ada.page.locator(`tr[data-member="${email}"]`);
  assert.equal(await row.locator("th").textContent(), NAME);
  assert.ok((await row.textContent())?.includes(`${email} (invited)`), "marked as invited");
  assert.match(await ada.page.textContent(".invite-link") ?? "", new RegExp(email));
  const link = await ada.page.inputValue(".invite-link__url");
  assert.match(link, /\/invite\/[A-Za-z0-9_-]{20,}$/);
  return link;
}

/** Makes Grace an owner with the role form of her row, so she may watch the People page. */
async function makeGraceAnOwner(ada: Person): Promise<void> {
  const row = ada.page.locator('tr[data-member="grace@acme.test"]');
  await row.locator("select").selectOption("owner");
  const changed = await submit(ada, button(row, "Change role"));
  assert.equal(changed.status, 303);
  assert.equal(changed.url.pathname, "/members");
  const now = ada.page.locator('tr[data-member="grace@acme.test"] td').nth(1);
  assert.equal(await now.textContent(), "Owner");
}

/** Waits until the row of `email` on a watcher's People page shows `text`. */
async function waitForRow(watcher: Person, email: string, text: RegExp): Promise<void> {
  const row = watcher.page.locator(`tr[data-member="${email}"]`, { hasText: text });
  await row.waitFor({ timeout: LIVE_MS });
}

async function acceptTheLink(newcomer: Person, link: string): Promise<void> {
  const { page } = newcomer;
  const opened = await page.goto(link);
  assert.equal(opened?.status(), 200);
  assert.equal(await page.textContent("h1"), `Welcome to Acme, ${NAME}`);

  // Too short: the browser would not send it, so the limit is lifted to see the server's word.
  await page.locator("#invite-password").evaluate((input) => input.removeAttribute("minlength"));
  await page.fill("#invite-password", "short");
  const refused = await submit(newcomer, button(page, "Set password and sign in"));
  assert.equal(refused.status, 422);
  assert.equal(await page.textContent(".form-alert"), "Use at least 10 characters");
  const again = await page.goto(refused.url.href);
  assert.equal(again?.status(), 200, "the unspent link, opened again, still asks");
  assert.equal(await page.textContent("h1"), `Welcome to Acme, ${NAME}`);

  await page.fill("#invite-password", PASSWORD);
  const signedUp = await submit(newcomer, button(page, "Set password and sign in"));
  assert.equal(signedUp.status, 303);
  assert.equal(signedUp.url.pathname, "/");
  assert.equal(await page.textContent(".topbar__name"), NAME);
  assert.equal(await page.textContent(".role-badge"), "Member");
  assert.ok(await page.isVisible("text=Redis Caching Implementation"), "Acme's projects");

  const spent = await page.goto(link);
  assert.equal(spent?.status(), 410);
  assert.match(await page.textContent("main") ?? "", /used already/);
}

async function followAsNewcomer(t: TestServer, browser: Browser, ada: Person, email: string) {
  const context = await browser.newContext();
  const newcomer: Person = { context, page: await context.newPage(), js: true };
  await newcomer.page.goto(`${t.url}/login`);
  await newcomer.page.fill("input[name=email]", email);
  await newcomer.page.fill("input[name=password]", PASSWORD);
  assert.equal((await submit(newcomer, button(newcomer.page, "Sign in"))).url.pathname, "/");
  await newcomer.page.click("text=Redis Caching Implementation");
  await newcomer.page.waitForSelector(".live-indicator[data-state='live']");
  await newcomer.page.evaluate(() => Object.assign(globalThis, { __marker: "still open" }));

  await ada.page.goto(newcomer.page.url());
  const text = `Welcome aboard, ${email}`;
  await ada.page.fill("#log-text", text);
  assertBackOnDashboard(await submit(ada, button(ada.page, "Add entry")), newcomer.page.url());
  await newcomer.page.locator(".log__text p", { hasText: text }).waitFor({ timeout: LIVE_MS });
  await assertNotReloaded(newcomer);
  await context.close();
}

async function walk(t: TestServer, browser: Browser, mode: Mode, step: Deno.TestContext) {
  const ada = await signedIn(browser, t, "ada@acme.test", mode);
  await Promise.all([
    ada.page.waitForURL(/\/members$/),
    ada.page.click(".topbar a[href='/members']"),
  ]);
  await step.step(
    "an address that is no email is refused with a message",
    () => refuseABadEmail(ada),
  );
  await makeGraceAnOwner(ada);
  const grace = await watch(browser, t, `${t.url}/members`);
  const email = `katherine.${mode.javaScriptEnabled ? "js" : "html"}@acme.test`;
  let link = "";
  await step.step("a person added is shown a one-time sign-in link", async () => {
    link = await addPerson(ada, email);
  });
  await step.step("a second owner's open People page shows them, invited", async () => {
    await waitForRow(grace, email, new RegExp(`${NAME}.*\\(invited\\)Member`));
    assert.ok(!(await grace.page.textContent("main"))?.includes(link), "never the link");
  });
  await step.step("the link lets the newcomer set a password and land signed in", async () => {
    const context = await browser.newContext({ javaScriptEnabled: mode.javaScriptEnabled });
    const newcomer = { context, page: await context.newPage(), js: mode.javaScriptEnabled };
    await acceptTheLink(newcomer, link);
    await context.close();
  });
  await ada.page.goto(ada.page.url());
  const row = ada.page.locator(`tr[data-member="${email}"]`);
  assert.doesNotMatch(await row.textContent() ?? "", /\(invited\)/, "no longer only invited");
  await waitForRow(grace, email, new RegExp(`^${NAME}${email.replaceAll(".", "\\.")}Member`));
  await assertNotReloaded(grace);
  await grace.context.close();
  await step.step(
    "the newcomer signs in with the new password, and their open dashboard follows the team",
    () => followAsNewcomer(t, browser, ada, email),
  );
  await ada.context.close();
}

journeyTest(
  "an owner adds a person, seen on a second owner's open People page, who signs in through the one-time link in a browser of their own",
  walk,
);
