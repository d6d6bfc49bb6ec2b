import assert from "node:assert/strict";
import { type Signal, signal } from "@preact/signals";
import { renderToString } from "preact-render-to-string";
import { registerIsland } from "./registry.ts";
import { buildFileUrl, renderPage } from "./render.ts";
import { reviveIslandState } from "./revive.ts";

function RenderCounter(props: { count: Signal<number>; label?: string }) {
  return <button type="button">{props.label ?? "count"}: {props.count}</button>;
}
function RenderLabel(props: { count: Signal<number>; inner?: boolean }) {
  return (
    <p>
      label {props.count} {props.inner ? <RenderCounter count={props.count} label="inner" /> : null}
    </p>
  );
}
function RenderUnused() {
  return <hr />;
}
registerIsland(RenderCounter, { name: "RenderCounter", chunk: "RenderCounter" });
registerIsland(RenderLabel, { name: "RenderLabel", chunk: "RenderWidgets" });
registerIsland(RenderUnused, { name: "RenderUnused", chunk: "RenderUnused" });

const BUILD = { buildId: "0123456789abcdef" };

function page(body: preact.ComponentChildren) {
  return (
    <html lang="en">
      <head>
        <title>Test</title>
      </head>
      <body>{body}</body>
    </html>
  );
}

function stateOf(html: string): string {
  const match = /<script type="application\/json" id="__BEACON_STATE__">(.*?)<\/script>/.exec(html);
  assert.ok(match, "state script present");
  return match[1];
}

Deno.test("renderPage() ships no JavaScript for a page without islands", () => {
  const html = renderPage(page(<p>Plain</p>), BUILD);
  assert.equal(
    html,
    '<!DOCTYPE html><html lang="en"><head><title>Test</title></head><body><p>Plain</p></body></html>',
  );
  assert.ok(!html.includes("<script"));
});

Deno.test("renderPage() wraps each island in indexed comment markers", () => {
  const count = signal(3);
  const html = renderPage(
    page(
      <main>
        <RenderCounter count={count} />
        <RenderLabel count={count} />
      </main>,
    ),
    BUILD,
  );
  assert.ok(html.includes(
    '<!--beacon-island:RenderCounter:0--><button type="button">count: 3</button><!--/beacon-island:0-->',
  ));
  assert.ok(
    html.includes("<!--beacon-island:RenderLabel:1--><p>label 3 </p><!--/beacon-island:1-->"),
  );
});

Deno.test("renderPage() serialises the islands' props with one shared signal", () => {
  const count = signal(7);
  const html = renderPage(
    page(
      <>
        <RenderCounter count={count} />
        <RenderLabel count={count} />
      </>,
    ),
    BUILD,
  );
  const [a, b] = reviveIslandState(stateOf(html));
  assert.equal((a.count as Signal<number>).value, 7);
  assert.equal(a.count, b.count);
});

Deno.test("renderPage() links one external boot module for the used chunks only, and no inline script", () => {
  const count = signal(0);
  const html = renderPage(
    page(
      <>
        <RenderCounter count={count} />
        <RenderLabel count={count} />
        <RenderCounter count={count} />
      </>,
    ),
    {
      ...BUILD,
      basePath: "/assets/",
    },
  );
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.deepEqual(scripts, [
    '<script type="application/json" id="__BEACON_STATE__">',
    '<script type="module" src="/assets/0123456789abcdef/boot.RenderCounter.RenderWidgets.js">',
  ]);
  assert.ok(
    html.includes(
      '<script type="module" src="/assets/0123456789abcdef/boot.RenderCounter.RenderWidgets.js"></script>',
    ),
  );
  assert.deepEqual(html.match(/<link rel="modulepreload" href="[^"]+">/g), [
    '<link rel="modulepreload" href="/assets/0123456789abcdef/client.js">',
    '<link rel="modulepreload" href="/assets/0123456789abcdef/RenderCounter.js">',
    '<link rel="modulepreload" href="/assets/0123456789abcdef/RenderWidgets.js">',
  ]);
  assert.ok(html.endsWith("</script></body></html>"));
  assert.ok(!html.includes("RenderUnused"));
  assert.ok(!html.includes("nonce"));
});

Deno.test("buildFileUrl() names a file of the build the page links to", () => {
  function Head() {
    return <link rel="stylesheet" href={buildFileUrl("app.css")} />;
  }
  const html = renderPage(
    <html>
      <head>
        <Head />
      </head>
    </html>,
    { ...BUILD, basePath: "/b/" },
  );
  assert.ok(html.includes('<link rel="stylesheet" href="/b/0123456789abcdef/app.css"/>'), html);
});

Deno.test("renderPage() does not mark an island rendered inside another island", () => {
  const count = signal(1);
  const html = renderPage(page(<RenderLabel count={count} inner />), BUILD);
  assert.equal(html.match(/<!--beacon-island:/g)?.length, 1);
  assert.ok(html.includes('<button type="button">inner: 1</button>'));
  assert.equal(reviveIslandState(stateOf(html)).length, 1);
  assert.ok(!html.includes("RenderCounter"));
});

Deno.test("renderPage() escapes </script and <!-- in props", () => {
  const count = signal(1);
  const label = "</script><script>alert(1)</script><!--";
  const html = renderPage(page(<RenderCounter count={count} label={label} />), BUILD);
  const state = stateOf(html);
  assert.ok(!state.includes("</script") && !state.includes("<!--"));
  assert.equal(reviveIslandState(state)[0].label, label);
});

Deno.test("renderPage() starts each render with fresh island indexes", async () => {
  const pages = await Promise.all([1, 2, 3].map(async (n) => {
    await new Promise((resolve) => setTimeout(resolve, 3 - n));
    return renderPage(page(<RenderCounter count={signal(n)} />), BUILD);
  }));
  pages.forEach((html, i) => {
    assert.ok(html.includes("<!--beacon-island:RenderCounter:0-->"));
    assert.equal((reviveIslandState(stateOf(html))[0].count as Signal<number>).value, i + 1);
  });
});

Deno.test("an island rendered outside renderPage() has no markers", () => {
  const count = signal(2);
  const vnode = <RenderCounter count={count} />;
  renderPage(page(vnode), BUILD);
  assert.equal(renderToString(vnode), '<button type="button">count: 2</button>');
});

Deno.test("renderPage() appends the scripts when the page has no </body>", () => {
  const html = renderPage(
    <div>
      <RenderCounter count={signal(1)} />
    </div>,
    BUILD,
  );
  assert.ok(html.startsWith("<div><!--beacon-island:RenderCounter:0-->"));
  assert.ok(html.endsWith("</script>"));
});

Deno.test("renderPage() refuses unserialisable island props", () => {
  const props = { count: signal(1), label: (() => "x") as unknown as string };
  assert.throws(() => renderPage(page(<RenderCounter {...props} />), BUILD), {
    name: "TypeError",
    message: /RenderCounter\.label/,
  });
  // The failed render leaves no state behind.
  assert.ok(!renderPage(page(<p />), BUILD).includes("<script"));
});

Deno.test("renderPage() preloads every module the used chunks import, once", () => {
  const html = renderPage(page(<RenderCounter count={signal(1)} />), {
    ...BUILD,
    imports: {
      "client.js": ["chunk-A.js"],
      "RenderCounter.js": ["chunk-A.js", "chunk-B.js"],
      "chunk-B.js": ["chunk-C.js"],
      "RenderUnused.js": ["chunk-D.js"],
    },
  });
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="[^"]+\/([^"/]+)">/g)]
    .map((m) => m[1]);
  assert.deepEqual(preloaded, [
    "client.js",
    "RenderCounter.js",
    "chunk-A.js",
    "chunk-B.js",
    "chunk-C.js",
  ]);
});
