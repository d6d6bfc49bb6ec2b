/**
 * `deno run -A bench/compression_levels.ts`: time against size for brotli and gzip levels on
 * the dashboard page (Acme's demo project as ada@acme.test renders it) and on its JSON
 * (`GET /api/projects/:id`), and the JSON sizes below which compressing does not pay. Prints
 * Markdown tables for `docs/performance.md`; the levels in `lib/http/compression.ts` come
 * from them.
 *
 * Each level is timed as the median of `--rounds=15` runs, synchronously, in this process.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { createTestApp } from "../tests/_app.ts";

const { values } = parseArgs({ args: Deno.args, options: { rounds: { type: "string" } } });
const ROUNDS = Number(values.rounds ?? 15);

function median(fn: () => number): { ms: number; bytes: number } {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    bytes = fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], bytes };
}

function brotli(input: Uint8Array, quality: number): number {
  return brotliCompressSync(input, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.byteLength,
    },
  }).byteLength;
}

function gzip(input: Uint8Array, level: number): number {
  return gzipSync(input, { level }).byteLength;
}

function levelTable(name: string, input: Uint8Array): string {
  const rows = [`| ${name} | coding | level | bytes | ratio | time (median) |`];
  rows.push("| --- | --- | ---: | ---: | ---: | ---: |");
  rows.push(`| | identity | | ${input.byteLength.toLocaleString("en")} | 1.00 | |`);
  for (const level of [1, 4, 5, 6, 9]) {
    const { ms, bytes } = median(() => gzip(input, level));
    rows.push(row("gzip", level, bytes, input.byteLength, ms));
  }
  for (const quality of [1, 4, 5, 6, 9, 11]) {
    const { ms, bytes } = median(() => brotli(input, quality));
    rows.push(row("br", quality, bytes, input.byteLength, ms));
  }
  return rows.join("\n");
}

function row(coding: string, level: number, bytes: number, size: number, ms: number): string {
  return `| | ${coding} | ${level} | ${bytes.toLocaleString("en")} | ${
    (size / bytes).toFixed(2)
  } | ${ms.toFixed(2)} ms |`;
}

/** Prefixes of the JSON (cut at whole bytes; compressors do not care that it is not JSON). */
function thresholdTable(json: Uint8Array): string {
  const rows = ["| JSON bytes | gzip 5 bytes | saved | gzip 5 time | br 5 bytes | br 5 time |"];
  rows.push("| ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const size of [256, 512, 1024, 1400, 2048, 4096, 16384]) {
    const input = json.subarray(0, Math.min(size, json.byteLength));
    const g = median(() => gzip(input, 5));
    const b = median(() => brotli(input, 5));
    rows.push(
      `| ${input.byteLength} | ${g.bytes} | ${input.byteLength - g.bytes} | ${
        (g.ms * 1000).toFixed(0)
      } µs | ${b.bytes} | ${(b.ms * 1000).toFixed(0)} µs |`,
    );
  }
  return rows.join("\n");
}

const t = await createTestApp({ kind: "pglite" });
try {
  const cookie = await t.login("ada@acme.test");
  const id = await t.projectId("acme");
  const page = new Uint8Array(
    await (await t.request(`/projects/${id}`, { headers: { cookie } })).arrayBuffer(),
  );
  const json = new Uint8Array(
    await (await t.request(`/api/projects/${id}`, { headers: { cookie } })).arrayBuffer(),
  );
  const context = new Uint8Array(
    await (await t.request("/api/context", { headers: { cookie } })).arrayBuffer(),
  );
  console.log(`Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} CPUs, ${ROUNDS} rounds`);
  console.log(`\n${levelTable("dashboard page", page)}\n`);
  console.log(`${levelTable("dashboard JSON", json)}\n`);
  console.log(`/api/context: ${context.byteLength} bytes\n`);
  console.log(thresholdTable(json));
} finally {
  await t.drop();
}
