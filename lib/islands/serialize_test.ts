import assert from "node:assert/strict";
import { computed, signal } from "@preact/signals";
import { escapeScriptJson, serializeIslandState } from "./serialize.ts";
import { reviveIslandState } from "./revive.ts";

Deno.test("serializeIslandState() writes a signal shared by two islands once", () => {
  const count = signal(1);
  const json = serializeIslandState([
    { name: "A", props: { count } },
    { name: "B", props: { count, other: signal(2) } },
  ]);
  const state = JSON.parse(json);
  assert.deepEqual(state.signals, [1, 2]);
  assert.deepEqual(state.islands[0].count, state.islands[1].count);
});

Deno.test("reviveIslandState() turns one shared signal into one signal", () => {
  const count = signal(5);
  const [a, b] = reviveIslandState(serializeIslandState([
    { name: "A", props: { count } },
    { name: "B", props: { nested: { list: [count] } } },
  ]));
  const revived = a.count as typeof count;
  assert.equal(revived.value, 5);
  assert.equal((b.nested as { list: unknown[] }).list[0], revived);
  revived.value = 6;
  assert.equal((b.nested as { list: (typeof count)[] }).list[0].value, 6);
});

Deno.test("an object passed to several islands is written once and revived as one", () => {
  const count = signal(3);
  const live = { path: "/api/projects/p1", etag: 'W/"a"', sections: { count }, tags: ["x"] };
  const json = serializeIslandState([
    { name: "A", props: { live } },
    { name: "B", props: { live, own: { path: "/api/projects/p1" } } },
    { name: "C", props: { list: [live.tags, live.tags] } },
  ]);
  assert.equal(json.split("/api/projects/p1").length - 1, 2, "live once, B's own object once");
  const [a, b, c] = reviveIslandState(json);
  assert.equal(a.live, b.live, "one object in the browser too");
  assert.deepEqual(b.own, { path: "/api/projects/p1" });
  const revived = a.live as typeof live;
  assert.equal(revived.sections.count.value, 3);
  assert.deepEqual(c.list, [["x"], ["x"]]);
  assert.equal((c.list as unknown[])[0], revived.tags);
});

Deno.test("a page without repeated objects writes no shared list", () => {
  const json = serializeIslandState([{ name: "A", props: { a: { b: 1 } } }]);
  assert.equal(Object.hasOwn(JSON.parse(json), "shared"), false);
});

Deno.test("serializeIslandState() escapes </script, <!-- and line separators", () => {
  const text = "</script><script>alert(1)</script><!-- \u2028\u2029 </SCRIPT";
  const json = serializeIslandState([{ name: "A", props: { text } }]);
  assert.ok(!json.includes("</script"));
  assert.ok(!/<\/script/i.test(json));
  assert.ok(!json.includes("<!--"));
  assert.ok(!json.includes("\u2028") && !json.includes("\u2029"));
  assert.equal(reviveIslandState(json)[0].text, text);
});

Deno.test("escapeScriptJson() keeps the JSON value unchanged", () => {
  const value = { a: "<b>", c: ["\u2028"] };
  assert.deepEqual(JSON.parse(escapeScriptJson(JSON.stringify(value))), value);
});

Deno.test("serializeIslandState() round-trips dates, undefined, non-finite numbers and tag-like keys", () => {
  const props = {
    when: new Date("2025-01-02T03:04:05.000Z"),
    list: [undefined, NaN, Infinity, -Infinity, null, 0],
    user: { $beacon: "signal", id: 0 },
    skipped: undefined,
  };
  const [revived] = reviveIslandState(serializeIslandState([{ name: "A", props }]));
  assert.ok(revived.when instanceof Date);
  assert.equal((revived.when as Date).toISOString(), "2025-01-02T03:04:05.000Z");
  assert.deepEqual(revived.list, [undefined, NaN, Infinity, -Infinity, null, 0]);
  assert.deepEqual(revived.user, { $beacon: "signal", id: 0 });
  assert.ok(!("skipped" in revived));
});

Deno.test("serializeIslandState() serialises a computed signal as a signal of its value", () => {
  const base = signal(2);
  const double = computed(() => base.value * 2);
  const [revived] = reviveIslandState(serializeIslandState([{ name: "A", props: { double } }]));
  assert.equal((revived.double as typeof base).value, 4);
});

Deno.test("serializeIslandState() keeps a signal whose value refers back to it", () => {
  const box = signal<unknown>(null);
  box.value = { self: box };
  const [revived] = reviveIslandState(serializeIslandState([{ name: "A", props: { box } }]));
  const revivedBox = revived.box as typeof box;
  assert.equal((revivedBox.value as { self: unknown }).self, revivedBox);
});

Deno.test("serializeIslandState() refuses props it cannot serialise, naming the path", () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.me = cyclic;
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ onClick: () => {} }, /"Card\.onClick": function/],
    [{ big: 1n }, /"Card\.big": bigint/],
    [{ map: new Map() }, /"Card\.map": Map is not supported/],
    [{ deep: { cyclic } }, /"Card\.deep\.cyclic\.me": it refers to itself/],
    [{ children: "text" }, /island "Card": islands take serialisable props, not children/],
  ];
  for (const [props, message] of cases) {
    assert.throws(() => serializeIslandState([{ name: "Card", props }]), {
      name: "TypeError",
      message,
    });
  }
});

Deno.test("reviveIslandState() refuses text that is not island state", () => {
  assert.throws(() => reviveIslandState("[]"), SyntaxError);
  assert.throws(() => reviveIslandState("{"), SyntaxError);
  assert.throws(
    () => reviveIslandState('{"signals":[],"islands":[{"$beacon":"signal","id":3}]}'),
    { name: "SyntaxError", message: /signal 3 is missing/ },
  );
  assert.throws(
    () => reviveIslandState('{"signals":[],"islands":[{"$beacon":"shared","id":0}]}'),
    { name: "SyntaxError", message: /shared value 0 is missing/ },
  );
});
