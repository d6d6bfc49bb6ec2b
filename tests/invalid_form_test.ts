/**
 * A form that fails validation is shown again (422) with its values once, in the form that
 * failed: not copied into every island's props.
 */
import assert from "node:assert/strict";
import { createTestApp, formPost } from "./_app.ts";

Deno.test("a 422 with a 60 kB field is under twice the size of the page, the value shown once", async () => {
  const t = await createTestApp({ kind: "pglite" });
  try {
    const cookie = await t.login("ada@acme.test");
    const projectId = await t.projectId("acme");
    const page = await t.request(`/projects/${projectId}`, { headers: { cookie } });
    const pageBytes = (await page.arrayBuffer()).byteLength;

    const mitigation = "m".repeat(60 * 1024);
    const res = await t.request(
      `/projects/${projectId}/risks`,
      formPost(cookie, {
        title: "Risk with a long mitigation",
        impact: "high",
        probability: "low",
        mitigation,
        owner: "ops",
      }),
    );
    const html = await res.text();
    assert.equal(res.status, 422);
    assert.equal(res.headers.get("etag"), null, "a 422 is never stored");
    const bytes = new TextEncoder().encode(html).byteLength;
    assert.ok(bytes < 2 * pageBytes, `422: ${bytes} bytes, page: ${pageBytes} bytes`);
    assert.equal(html.split(mitigation).length - 1, 1, "the value appears once");
    // The failed form is marked for the browser to read its values back when it hydrates.
    const form = /<form (?=[^>]*data-submitted)[^>]*action="\/projects\/[^"]+\/risks"[^>]*>/
      .exec(html);
    assert.ok(form, "the add-risk form is marked data-submitted");
    const field = html.indexOf(mitigation);
    assert.ok(field > form.index, "the value is inside that form");
    assert.match(html.slice(field - 300, field), /name="mitigation"[^>]*(value=")?$/);
    const state = /<script type="application\/json" id="__BEACON_STATE__">(.*?)<\/script>/s
      .exec(html)![1];
    assert.ok(!state.includes("mmmmmmmm"), "no island's props carry the value");
    assert.match(
      state,
      /"form":"risk","errors":\{"mitigation":"[^"]+"\}/,
      "the form and its message",
    );
  } finally {
    await t.drop();
  }
});
