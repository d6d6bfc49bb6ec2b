import assert from "node:assert/strict";
import { Exposition } from "./exposition.ts";

Deno.test("Exposition writes HELP, TYPE and escaped labels", () => {
  const text = new Exposition()
    .counter("a_total", "An \\ example.", [{ labels: { route: '/x"y' }, value: 2 }])
    .text();
  assert.equal(
    text,
    '# HELP a_total An \\\\ example.\n# TYPE a_total counter\na_total{route="/x\\"y"} 2\n',
  );
});

Deno.test("Exposition writes a histogram's buckets with +Inf, _sum and _count", () => {
  const text = new Exposition().histogram("h_seconds", "H.", [{
    labels: { route: "/" },
    bounds: [0.5],
    cumulative: [1, 3],
    sum: 2.5,
    count: 3,
  }]).text();
  assert.match(text, /h_seconds_bucket\{route="\/",le="0.5"\} 1\n/);
  assert.match(text, /h_seconds_bucket\{route="\/",le="\+Inf"\} 3\n/);
  assert.match(text, /h_seconds_sum\{route="\/"\} 2.5\n/);
  assert.match(text, /h_seconds_count\{route="\/"\} 3\n/);
});

Deno.test("Exposition refuses a family written twice", () => {
  const out = new Exposition().gauge("g", "G.", []);
  assert.throws(() => out.gauge("g", "G.", []), TypeError);
});
