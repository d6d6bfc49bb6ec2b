import assert from "node:assert/strict";

interface OtlpSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

/** The spans of an OTLP/JSON trace export. */
function spansOf(body: string): OtlpSpan[] {
  const json = JSON.parse(body) as {
    resourceSpans: { scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[] }[];
  };
  return json.resourceSpans.flatMap((r) =>
    r.scopeSpans.filter((s) => s.scope.name === "beacon.cache").flatMap((s) => s.spans)
  );
}

function attrs(span: OtlpSpan): Record<string, string | undefined> {
  return Object.fromEntries(span.attributes.map((a) => [a.key, a.value.stringValue]));
}

Deno.test("with OTEL_DENO=true cache lookups and loads are exported as spans", async () => {
  const spans: OtlpSpan[] = [];
  const collector = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = await req.text();
    if (new URL(req.url).pathname === "/v1/traces") spans.push(...spansOf(body));
    return Response.json({});
  });
  try {
    const child = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./_otel_probe.ts", import.meta.url).pathname],
      env: {
        OTEL_DENO: "true",
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.addr.port}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
        OTEL_SERVICE_NAME: "beacon-test",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(child.code, 0, new TextDecoder().decode(child.stderr));
    const lookups = spans.filter((s) => s.name === "cache.lookup").map(attrs);
    assert.deepEqual(lookups.map((a) => `${a["cache.tier"]}/${a["cache.result"]}`).sort(), [
      "l1/hit",
      "load/miss",
    ]);
    const load = spans.find((s) => s.name === "cache.load");
    assert.ok(load, "the loader ran in a span");
    assert.equal(attrs(load)["cache.result"], "ok");
    const parent = spans.find((s) => s.spanId === load.parentSpanId);
    assert.equal(parent?.name, "cache.lookup", "the load is a child of its lookup");
  } finally {
    await collector.shutdown();
  }
});
