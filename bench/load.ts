/**
 * `deno task load`: a bounded load test of the dashboard page on 127.0.0.1.
 *
 * It creates a throwaway PostgreSQL database and seeds it, starts Beacon as a child process
 * with `CACHE=off` and then `CACHE=on`, signs in as ada@acme.test and measures
 * `GET /projects/:id` with `wrk` (or an in-process fetch loop when `wrk` is missing):
 *
 * - (a) `CACHE=off`, full 200s: the uncached baseline;
 * - (b) `CACHE=on`, full 200s;
 * - (c) `CACHE=on`, revalidations with `If-None-Match` (304s once the conditional path exists);
 * - (d) a bare `Deno.serve` hello world: the ceiling;
 * - (e) a bare `Deno.serve` that reads the same request's `Cookie` and `If-None-Match` and
 *   answers a 304 with the four headers Beacon's carries: the floor of a revalidation;
 * - (f) a bare `Deno.serve` answering with exactly the bytes and headers Beacon sent for the
 *   cached dashboard (captured on the wire): the floor of a cached 200, in 3 rounds
 *   alternating with (b) while both servers run (the ratio is the median round's);
 * - a 95 % read / 5 % write mix on the cached server.
 *
 * Every page request says `Accept-Encoding: gzip`, as browsers do (wrk does not decode it).
 *
 * It prints the figures and the ratios against their targets and rewrites the "Load test"
 * section of `docs/performance.md`, leaving other sections alone. Child processes are killed
 * and the database dropped in `finally`; a time budget bounds the whole run.
 *
 * Flags: `--duration=8` seconds per scenario, `--connections=32`, `--threads=2`,
 * `--warmup=1` seconds, `--engine=auto|wrk|fetch`, `--pg=postgres://postgres@127.0.0.1:5432`
 * (`--pg=none` for the embedded database), `--redis=redis://127.0.0.1:6379` (`none` for the
 * in-process store), `--budget=150` seconds, `--out=docs/performance.md` (`none` to skip).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { TEST_SESSION_SECRET } from "../tests/_db.ts";
import { writeSection } from "./_doc_section.ts";
import { createDatabase, run, startScript, stop, stopAll } from "./_servers.ts";
import { BARE_REPLAY, rawGet, saveResponse, type WireResponse } from "./_wire.ts";

interface Options {
  duration: number;
  connections: number;
  threads: number;
  warmup: number;
  engine: "wrk" | "fetch";
  pg: string | null;
  redis: string | null;
  budget: number;
  out: string | null;
}

/** What one load run sends: a GET with headers, and optionally every 20th request a write. */
interface LoadTarget {
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** The 5 % writes of the mix: a form POST of `status` alternating between two values. */
  write?: { path: string; headers: Record<string, string>; statuses: [string, string] };
}

interface RunResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  s2xx: number;
  s3xx: number;
  s304: number;
  s4xx: number;
  s5xx: number;
  /** Socket errors and timeouts: requests that got no status at all. */
  failed: number;
  /** GET responses whose `Cache-Status` says `hit`, and those that say `fwd=`. */
  cacheHit: number;
  cacheFwd: number;
  /** Bytes read from the server (wrk's count: status lines, headers, bodies); 0 if unknown. */
  bytes: number;
}

interface Row {
  name: string;
  result: RunResult;
  note: string;
}

const ROOT = decodeURIComponent(new URL("..", import.meta.url).pathname);
const WRITE_EVERY = 20; // 1 in 20 requests of the mix is a write: 95 % reads

function parseOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: "string", default: "8" },
      connections: { type: "string", default: "32" },
      threads: { type: "string", default: "2" },
      warmup: { type: "string", default: "1" },
      engine: { type: "string", default: "auto" },
      pg: { type: "string", default: "postgres://postgres@127.0.0.1:5432" },
      redis: { type: "string", default: "redis://127.0.0.1:6379" },
      budget: { type: "string", default: "150" },
      out: { type: "string", default: "docs/performance.md" },
    },
  });
  const number = (name: keyof typeof values, min: number) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < min) {
      throw new RangeError(`Invalid --${name}=${values[name]}: expected a number ≥ ${min}`);
    }
    return value;
  };
  const engine = values.engine === "auto" ? (wrkPath() ? "wrk" : "fetch") : values.engine;
  if (engine !== "wrk" && engine !== "fetch") {
    throw new RangeError(`Invalid --engine=${values.engine}: expected auto, wrk or fetch`);
  }
  if (engine === "wrk" && !wrkPath()) {
    throw new Error("Cannot use --engine=wrk: wrk is not on PATH");
  }
  const threads = Math.floor(number("threads", 1));
  const none = (value: string) => value === "none" ? null : value;
  return {
    duration: number("duration", 1),
    connections: Math.max(threads, Math.floor(number("connections", 1))),
    threads,
    warmup: number("warmup", 0),
    engine,
    pg: none(values.pg),
    redis: none(values.redis),
    budget: number("budget", 10),
    out: none(values.out),
  };
}

function wrkPath(): string | null {
  for (const dir of (Deno.env.get("PATH") ?? "/usr/bin").split(":")) {
    try {
      if (Deno.statSync(`${dir}/wrk`).isFile) return `${dir}/wrk`;
    } catch {
      // not in this directory
    }
  }
  return null;
}

// ---- child processes ----------------------------------------------------------------------

// ---- the app's pages ------------------------------------------------------------------------

interface Session {
  cookie: string;
  projectId: string;
  taskId: string;
}

async function signIn(origin: string): Promise<Session> {
  const res = await fetch(origin + "/login", {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email: "ada@acme.test", password: "beacon-demo" }),
  });
  await res.body?.cancel();
  const session = res.headers.getSetCookie().find((c) => c.startsWith("beacon_session="));
  if (res.status !== 303 || !session) {
    throw new Error(`Signing in as ada@acme.test failed: ${res.status}, no beacon_session cookie`);
  }
  const cookie = session.split(";")[0];
  const home = await (await fetch(origin + "/", { headers: { Cookie: cookie } })).text();
  const projectId = pickProject(home);
  const dashboard = await (await fetch(`${origin}/projects/${projectId}`, {
    headers: { Cookie: cookie },
  })).text();
  const task = dashboard.match(new RegExp(`/projects/${projectId}/tasks/([0-9a-f-]{36})`));
  if (!task) throw new Error(`The dashboard of project ${projectId} has no task form`);
  return { cookie, projectId, taskId: task[1] };
}

/** The Acme demo project: the link next to "Redis Caching", else the first project link. */
function pickProject(html: string): string {
  const links = [...html.matchAll(/\/projects\/([0-9a-f-]{36})/g)];
  if (!links.length) throw new Error("The home page lists no /projects/<id> link");
  const acme = links.find((m) => html.slice(m.index, m.index + 400).includes("Redis Caching"));
  return (acme ?? links[0])[1];
}

interface Revalidation {
  etag: string | null;
  cacheStatus: string | null;
  status: number | null;
}

/** Asks for the dashboard, then asks again with its ETag: is the answer a 304? */
async function probeRevalidation(origin: string, s: Session): Promise<Revalidation> {
  const { path, headers } = dashboardTarget(origin, s);
  const first = await rawGet(origin, path, headers);
  const header = (name: string) =>
    first.headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
  const etag = header("etag");
  const cacheStatus = header("cache-status");
  if (!etag) return { etag, cacheStatus, status: null };
  const again = await rawGet(origin, path, { ...headers, "If-None-Match": etag });
  return { etag, cacheStatus, status: again.status };
}

/** Sums the cache hit and miss counters of `/metrics`, whatever they are named; null if none. */
/** Counters of the server's `/metrics` the hit ratios come from. */
interface CacheCounters {
  /** Lookups of the cache engine (L1 and L2, summed over tiers), and its misses. */
  hits: number;
  misses: number;
  /** Rendered pages reused by ETag, and pages rendered. */
  pageHits: number;
  pageMisses: number;
}

const COUNTER_NAMES: Record<string, keyof CacheCounters> = {
  beacon_cache_hits_total: "hits",
  beacon_cache_misses_total: "misses",
  beacon_html_cache_hits_total: "pageHits",
  beacon_html_cache_misses_total: "pageMisses",
};

async function scrapeCacheCounters(origin: string): Promise<CacheCounters | null> {
  try {
    const res = await fetch(origin + "/metrics", { signal: AbortSignal.timeout(2000) });
    const text = await res.text();
    if (res.status !== 200) return null;
    const counters: CacheCounters = { hits: 0, misses: 0, pageHits: 0, pageMisses: 0 };
    let seen = false;
    for (const line of text.split("\n")) {
      const m = line.match(/^([a-z_]+)(\{[^}]*\})?\s+([0-9.eE+-]+)$/);
      const name = m && COUNTER_NAMES[m[1]];
      if (!name) continue;
      counters[name] += Number(m[3]);
      seen = true;
    }
    return seen ? counters : null;
  } catch {
    return null;
  }
}

// ---- load engines -------------------------------------------------------------------------

function lua(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new TypeError(`Cannot put ${text} in a Lua script`);
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

function luaHeaders(headers: Record<string, string>): string {
  return `{ ${Object.entries(headers).map(([k, v]) => `[${lua(k)}] = ${lua(v)}`).join(", ")} }`;
}

const COUNTERS = ["s2xx", "s3xx", "s304", "s4xx", "s5xx", "chit", "cfwd"];

/** A wrk script: the request(s), per-thread status counts, and one JSON line from `done`. */
function wrkScript(target: LoadTarget): string {
  const request = target.write
    ? `local n = 0
local writes = 0
local get_headers = ${luaHeaders(target.headers)}
local post_headers = ${luaHeaders(target.write.headers)}
function request()
  n = n + 1
  if n % ${WRITE_EVERY} == 0 then
    writes = writes + 1
    local status = (writes % 2 == 0) and ${lua(target.write.statuses[0])} or ${
      lua(target.write.statuses[1])
    }
    return wrk.format("POST", ${lua(target.write.path)}, post_headers, "status=" .. status)
  end
  return wrk.format("GET", ${lua(target.path)}, get_headers)
end`
    : `wrk.method = "GET"
wrk.path = ${lua(target.path)}
wrk.headers = ${luaHeaders(target.headers)}`;
  return `-- generated by bench/load.ts
${request}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ${COUNTERS.map((c) => `${c} = 0`).join("; ")} end
function response(status, headers, body)
  if status == 304 then s304 = s304 + 1 end
  if status >= 500 then s5xx = s5xx + 1
  elseif status >= 400 then s4xx = s4xx + 1
  elseif status >= 300 then s3xx = s3xx + 1
  elseif status >= 200 then s2xx = s2xx + 1 end
  local cs = headers["cache-status"] or headers["Cache-Status"]
  if cs then
    if string.find(cs, "^[^,]*; *hit") then chit = chit + 1
    elseif string.find(cs, "^[^,]*; *fwd=") then cfwd = cfwd + 1 end
  end
end
function done(summary, latency, requests)
  local t = {}
  ${COUNTERS.map((c) => `t.${c} = 0`).join("; ")}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,' ..
    '"bytes":%d,"failed":%d,${COUNTERS.map((c) => `"${c}":%d`).join(",")}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.bytes,
    e.connect + e.read + e.write + e.timeout, ${COUNTERS.map((c) => `t.${c}`).join(", ")}))
end
`;
}

async function runWrk(target: LoadTarget, seconds: number, o: Options): Promise<RunResult> {
  const file = await Deno.makeTempFile({ prefix: "beacon-load-", suffix: ".lua" });
  try {
    await Deno.writeTextFile(file, wrkScript(target));
    const args = ["-t", String(o.threads), "-c", String(o.connections), "-d", `${seconds}s`];
    const out = await run("wrk", [...args, "--timeout", "5s", "-s", file, target.origin + "/"]);
    const line = out.split("\n").find((l) => l.startsWith("WRK_RESULT "));
    if (!line) throw new Error(`wrk printed no result:\n${out}`);
    const r = JSON.parse(line.slice("WRK_RESULT ".length));
    return {
      requests: r.requests,
      rps: r.requests / (r.durationUs / 1e6),
      p50Ms: r.p50Us / 1000,
      p99Ms: r.p99Us / 1000,
      s2xx: r.s2xx,
      s3xx: r.s3xx,
      s304: r.s304,
      s4xx: r.s4xx,
      s5xx: r.s5xx,
      failed: r.failed,
      cacheHit: r.chit,
      cacheFwd: r.cfwd,
      bytes: r.bytes,
    };
  } finally {
    await Deno.remove(file).catch(() => {});
  }
}

/** The fallback engine: `connections` fetch loops in this process until the time is up. */
async function runFetch(target: LoadTarget, seconds: number, o: Options): Promise<RunResult> {
  const r: RunResult = {
    requests: 0,
    rps: 0,
    p50Ms: 0,
    p99Ms: 0,
    s2xx: 0,
    s3xx: 0,
    s304: 0,
    s4xx: 0,
    s5xx: 0,
    failed: 0,
    cacheHit: 0,
    cacheFwd: 0,
    bytes: 0,
  };
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  let n = 0, writes = 0;
  async function loop(): Promise<void> {
    while (performance.now() < end) {
      const write = target.write && ++n % WRITE_EVERY === 0 ? target.write : null;
      const t0 = performance.now();
      try {
        const res = await fetch(target.origin + (write?.path ?? target.path), {
          method: write ? "POST" : "GET",
          headers: write?.headers ?? target.headers,
          body: write ? `status=${write.statuses[++writes % 2]}` : undefined,
          redirect: "manual",
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        countStatus(r, res.status, res.headers.get("cache-status"));
      } catch {
        r.failed++;
      }
    }
  }
  await Promise.all(Array.from({ length: o.connections }, loop));
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  r.requests = latencies.length;
  r.rps = r.requests / ((performance.now() - started) / 1000);
  r.p50Ms = at(0.5);
  r.p99Ms = at(0.99);
  return r;
}

function countStatus(r: RunResult, status: number, cacheStatus: string | null): void {
  if (status === 304) r.s304++;
  if (status >= 500) r.s5xx++;
  else if (status >= 400) r.s4xx++;
  else if (status >= 300) r.s3xx++;
  else if (status >= 200) r.s2xx++;
  const first = cacheStatus?.split(",")[0] ?? "";
  if (/;\s*hit/.test(first)) r.cacheHit++;
  else if (/;\s*fwd=/.test(first)) r.cacheFwd++;
}

async function measure(name: string, target: LoadTarget, o: Options): Promise<RunResult> {
  const engine = o.engine === "wrk" ? runWrk : runFetch;
  if (o.warmup > 0 && !target.write) await engine(target, o.warmup, o);
  const result = await engine(target, o.duration, o);
  console.log(
    `  ${name}: ${fmt(result.rps, 0)} req/s, p50 ${fmt(result.p50Ms, 2)} ms, ` +
      `p99 ${
        fmt(result.p99Ms, 2)
      } ms, 2xx ${result.s2xx}, 3xx ${result.s3xx} (304: ${result.s304}), ` +
      `4xx ${result.s4xx}, 5xx ${result.s5xx}, no answer ${result.failed}`,
  );
  return result;
}

// ---- the run ------------------------------------------------------------------------------

function fmt(value: number, digits: number): string {
  return value.toLocaleString("en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

const HELLO = `Deno.serve({ hostname: Deno.env.get("HOST"), port: Number(Deno.env.get("PORT")), ` +
  `onListen() {} }, () => new Response("Hello, world"));\n`;

/**
 * The least a revalidation can cost in Deno.serve: read the two request headers it depends on
 * and answer a 304 with the four headers RFC 9110 and RFC 9211 ask of Beacon's, nothing else.
 */
const BARE_304 = `const headers = [["Cache-Control", "private, no-cache"], ["Vary", "Cookie"],
  ["ETag", 'W/"bare"'], ["Cache-Status", "Beacon; hit"]];
Deno.serve({ hostname: Deno.env.get("HOST"), port: Number(Deno.env.get("PORT")), onListen() {} },
  (req) => {
    req.headers.get("if-none-match");
    req.headers.get("cookie");
    return new Response(null, { status: 304, headers });
  });
`;

interface Report {
  rows: Row[];
  revalidation: Revalidation | null;
  /** Cache engine lookups, pages reused by ETag, and GETs whose `Cache-Status` said hit. */
  hitRatio: {
    client: number | null;
    server: number | null;
    pages: number | null;
    /** 1 − the engine's misses per GET of the mix: GETs that needed no database load. */
    perGet: number | null;
  };
  options: Options;
  database: string;
  /** The headers (c) sent, for (e) to send the same. */
  conditional: Record<string, string> | null;
  /** The cached dashboard's 200 as Beacon sent it, for (f) to send the same. */
  cachedPage: WireResponse | null;
  /** (b) / (f) of each alternating round, run while both servers were up. */
  pairRatios: number[];
}

async function loadTest(o: Options, report: Report): Promise<void> {
  const env: Record<string, string> = {};
  let dropDatabase: (() => Promise<void>) | null = null;
  let dataDir: string | null = null;
  try {
    if (o.pg) {
      const db = await createDatabase(o.pg);
      dropDatabase = db.drop;
      env.DATABASE_URL = db.url;
      env.SESSION_SECRET = TEST_SESSION_SECRET;
      report.database = "PostgreSQL (throwaway database)";
      console.log(`Seeding ${db.url}`);
      await run(Deno.execPath(), ["task", "seed"], env);
    } else {
      dataDir = await Deno.makeTempDir({ prefix: "beacon-load-" });
      env.DATA_DIR = dataDir;
      report.database = "embedded PGlite";
    }
    if (o.redis) env.REDIS_URL = o.redis;
    await scenarioUncached(o, env, report);
    await scenariosCached(o, env, report);
    await scenariosBare(o, report);
  } finally {
    await stopAll();
    if (dropDatabase) await dropDatabase().catch((e) => console.error(`Could not drop: ${e}`));
    if (dataDir) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

function dashboardTarget(origin: string, s: Session, headers: Record<string, string> = {}) {
  return {
    origin,
    path: `/projects/${s.projectId}`,
    headers: { Cookie: s.cookie, "Accept-Encoding": "gzip", ...headers },
  };
}

async function scenarioUncached(o: Options, env: Record<string, string>, report: Report) {
  console.log("(a) starting Beacon with CACHE=off");
  const { child, origin } = await startScript("main.ts", { ...env, CACHE: "off" }, "/login");
  try {
    const s = await signIn(origin);
    const result = await measure("(a)", dashboardTarget(origin, s), o);
    report.rows.push({ name: "(a) CACHE=off, 200", result, note: "uncached baseline" });
  } finally {
    await stop(child);
  }
}

async function scenariosCached(o: Options, env: Record<string, string>, report: Report) {
  console.log("(b), (c), mix: starting Beacon with CACHE=on");
  const { child, origin } = await startScript("main.ts", { ...env, CACHE: "on" }, "/login");
  try {
    const s = await signIn(origin);
    const b = await measure("(b)", dashboardTarget(origin, s), o);
    report.rows.push({ name: "(b) CACHE=on, 200", result: b, note: cacheNote(b) });
    const page = dashboardTarget(origin, s);
    report.cachedPage = await rawGet(origin, page.path, page.headers);
    await scenarioBarePage(o, page, report);
    const probe = await probeRevalidation(origin, s);
    report.revalidation = probe;
    if (probe.status !== 304) {
      console.log(
        `  ! revalidation with If-None-Match got ${probe.status ?? "no ETag to send"}, not 304: ` +
          "the conditional path is not in place, so (c) measures full 200s",
      );
    }
    const inm = probe.etag ?? 'W/"no-etag-from-server"';
    const conditional = dashboardTarget(origin, s, { "If-None-Match": inm });
    report.conditional = conditional.headers;
    const c = await measure("(c)", conditional, o);
    const share = c.requests ? Math.round((100 * c.s304) / c.requests) : 0;
    report.rows.push({ name: "(c) CACHE=on, If-None-Match", result: c, note: `${share} % 304` });
    await scenarioMix(o, origin, s, report);
  } finally {
    await stop(child);
  }
}

/**
 * (f): a bare `Deno.serve` sending the bytes and headers Beacon just sent for the cached
 * dashboard, measured in 3 rounds alternating with Beacon's (b) while both servers run, so
 * whatever else the machine does weighs on both alike; the ratio is the median round's.
 */
async function scenarioBarePage(o: Options, page: LoadTarget, report: Report): Promise<void> {
  console.log("(f) starting a bare Deno.serve that sends Beacon's cached 200");
  const file = await saveResponse(report.cachedPage!);
  const script = await Deno.makeTempFile({ prefix: "beacon-bare-", suffix: ".ts" });
  try {
    await Deno.writeTextFile(script, BARE_REPLAY);
    const { child, origin } = await startScript(script, { RESPONSE_FILE: file }, "/");
    try {
      const round = { ...o, duration: Math.max(2, o.duration / 2) };
      const results: RunResult[] = [];
      for (let i = 0; i < 3; i++) {
        const b = await measure(`(b) round ${i + 1}`, page, round);
        const f = await measure(`(f) round ${i + 1}`, { origin, path: "/", headers: {} }, round);
        report.pairRatios.push(b.rps / f.rps);
        results.push(f);
      }
      const middle = [...results].sort((x, y) => x.rps - y.rps)[1];
      report.rows.push({
        name: "(f) bare Deno.serve, the same 200",
        result: middle,
        note: `Beacon's bytes and ${report.cachedPage!.headers.length} header fields; ` +
          "median of 3 rounds alternating with (b)",
      });
    } finally {
      await stop(child);
    }
  } finally {
    await Deno.remove(file).catch(() => {});
    await Deno.remove(script).catch(() => {});
  }
}

async function scenarioMix(o: Options, origin: string, s: Session, report: Report) {
  const before = await scrapeCacheCounters(origin);
  const target: LoadTarget = {
    ...dashboardTarget(origin, s),
    write: {
      path: `/projects/${s.projectId}/tasks/${s.taskId}`,
      headers: {
        Cookie: s.cookie,
        Origin: origin,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      statuses: ["doing", "done"],
    },
  };
  const mix = await measure("mix", target, o);
  const after = await scrapeCacheCounters(origin);
  const looked = mix.cacheHit + mix.cacheFwd;
  report.hitRatio.client = looked ? mix.cacheHit / looked : null;
  const writes = mix.s3xx - mix.s304;
  if (before && after) {
    const hits = after.hits - before.hits, misses = after.misses - before.misses;
    report.hitRatio.server = hits + misses ? hits / (hits + misses) : null;
    const gets = mix.requests - writes;
    report.hitRatio.perGet = gets > 0 ? Math.max(0, 1 - misses / gets) : null;
    const pageHits = after.pageHits - before.pageHits;
    const pages = pageHits + after.pageMisses - before.pageMisses;
    report.hitRatio.pages = pages ? pageHits / pages : null;
  }
  report.rows.push({
    name: "mix 95 % GET / 5 % POST",
    result: mix,
    note: `${writes} writes (303)`,
  });
}

async function scenariosBare(o: Options, report: Report) {
  console.log("(d) starting a bare Deno.serve hello world");
  const result = await measureScript(HELLO, "(d)", {}, o);
  report.rows.push({ name: "(d) bare Deno.serve", result, note: "ceiling" });
  console.log("(e) starting a bare Deno.serve that answers the same 304");
  const bare = await measureScript(BARE_304, "(e)", report.conditional ?? {}, o);
  report.rows.push({
    name: "(e) bare Deno.serve, the same 304",
    result: bare,
    note: "reads Cookie and If-None-Match, sends 4 headers",
  });
}

async function measureScript(
  source: string,
  name: string,
  headers: Record<string, string>,
  o: Options,
  env: Record<string, string> = {},
): Promise<RunResult> {
  const file = await Deno.makeTempFile({ prefix: "beacon-bare-", suffix: ".ts" });
  try {
    await Deno.writeTextFile(file, source);
    const { child, origin } = await startScript(file, env, "/");
    try {
      return await measure(name, { origin, path: "/", headers }, o);
    } finally {
      await stop(child);
    }
  } finally {
    await Deno.remove(file).catch(() => {});
  }
}

function cacheNote(r: RunResult): string {
  const looked = r.cacheHit + r.cacheFwd;
  if (!looked) return "no Cache-Status header";
  return `Cache-Status hit ${Math.round((100 * r.cacheHit) / looked)} %`;
}

// ---- the report ---------------------------------------------------------------------------

function ratio(report: Report, over: string, under: string): number | null {
  const a = report.rows.find((r) => r.name.startsWith(over))?.result.rps;
  const b = report.rows.find((r) => r.name.startsWith(under))?.result.rps;
  return a && b ? a / b : null;
}

function percent(value: number | null): string {
  return value === null ? "n/a" : `${fmt(100 * value, 1)} %`;
}

function verdict(ok: boolean | null): string {
  return ok === null ? "n/a" : ok ? "met" : "**not met**";
}

function renderSection(report: Report): string {
  const o = report.options;
  const cd = ratio(report, "(c)", "(d)");
  const ce = ratio(report, "(c)", "(e)");
  const ed = ratio(report, "(e)", "(d)");
  const ba = ratio(report, "(b)", "(a)");
  const sorted = [...report.pairRatios].sort((x, y) => x - y);
  const bf = sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
  const { server, client, pages, perGet } = report.hitRatio;
  const hitVerdict = (value: number | null) => verdict(value === null ? null : value >= 0.99);
  const fives = report.rows.reduce((sum, r) => sum + r.result.s5xx, 0);
  const rows = report.rows.map(({ name, result: r, note }) =>
    `| ${name} | ${fmt(r.rps, 0)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ` +
    `${r.s4xx + r.s5xx + r.failed} | ${r.s5xx} | ${note} |`
  );
  const probe = report.revalidation;
  const revalidation = !probe
    ? "not probed"
    : probe.status === 304
    ? `answered 304 (ETag ${probe.etag})`
    : probe.etag
    ? `**got ${probe.status}, not 304**: the conditional path is not in place, so (c) measured 200s`
    : "**the page sent no ETag**: the conditional path is not in place, so (c) measured 200s";
  return `## Load test

\`deno task load\` (\`bench/load.ts\`) seeds a throwaway database, starts Beacon on 127.0.0.1
with \`CACHE=off\` and then \`CACHE=on\`, signs in as ada@acme.test and loads
\`GET /projects/:id\` (Acme's demo project) with \`Accept-Encoding: gzip\`, as browsers ask; (f)
replays the bytes and headers Beacon sent for that cached 200 from a bare \`Deno.serve\`.
Flags: \`--duration\`, \`--connections\`,
\`--threads\`, \`--warmup\`, \`--engine=auto|wrk|fetch\`, \`--pg\`, \`--redis\`, \`--budget\`, \`--out\`.
Re-running it replaces this section only.

Last run (${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC):

- load: ${o.engine}, ${o.threads} threads, ${o.connections} connections, ${o.duration} s per scenario
  after a ${o.warmup} s warm-up (the mix has none);
- app: ${report.database}; Redis ${o.redis ? "at " + o.redis : "off (in-process store)"};
- machine: Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} CPUs shared by the load
  generator and the server, so absolute figures are lower bounds; the ratios are what matter.

Latencies are in milliseconds; "errors" counts 4xx, 5xx and requests that got no answer.

| scenario | req/s | p50 | p99 | errors | 5xx | notes |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join("\n")}

| check | measured | target | |
| --- | ---: | ---: | --- |
| (c) / (d): revalidation vs bare Deno.serve | ${cd === null ? "n/a" : fmt(cd, 3)} | ≥ 0.6 | ${
    verdict(cd === null ? null : cd >= 0.6)
  } |
| (e) / (d): the same 304 from a bare handler vs hello world | ${
    ed === null ? "n/a" : fmt(ed, 3)
  } | | what the 304's own headers cost |
| (c) / (e): Beacon vs a bare handler, same 304 | ${ce === null ? "n/a" : fmt(ce, 3)} | | ${
    ce === null ? "n/a" : "Beacon's share of the floor"
  } |
| (b) / (f): Beacon's cached 200 vs a bare Deno.serve sending the same bytes (median of ${
    sorted.map((r) => fmt(r, 2)).join(", ")
  }) | ${bf === null ? "n/a" : fmt(bf, 3)} | ≥ 0.5 | ${verdict(bf === null ? null : bf >= 0.5)} |
| (b) / (a): cached vs uncached 200s | ${ba === null ? "n/a" : fmt(ba, 1)} | ≥ 10 | ${
    verdict(ba === null ? null : ba >= 10)
  } |
| hit ratio in the mix (cache engine, L1 + L2, server /metrics) | ${percent(server)} | ≥ 99 % | ${
    hitVerdict(server)
  } |
| GETs of the mix that needed no load (1 − the engine's misses per GET) | ${
    percent(perGet)
  } | | the memo answers most repeats before any lookup, so the row above counts few hits |
| pages reused by ETag in the mix (server /metrics) | ${
    percent(pages)
  } | | each write's new page is rendered once |
| GETs of the mix whose Cache-Status says hit | ${percent(client)} | | ${
    server === null ? hitVerdict(client) : "data served from the cache"
  } |
| 5xx in all runs | ${fives} | 0 | ${verdict(fives === 0)} |

Revalidation probe: ${revalidation}.

${wireNote(report)}
`;
}

/** The cached 200 on the wire, and wrk's bytes per response in (b) and (f). */
function wireNote(report: Report): string {
  const page = report.cachedPage;
  if (!page) return "The cached dashboard was not captured.";
  const encoding = page.headers.find(([n]) => n.toLowerCase() === "content-encoding")?.[1];
  const perResponse = (name: string) => {
    const r = report.rows.find((row) => row.name.startsWith(name))?.result;
    return r?.bytes && r.requests ? fmt(r.bytes / r.requests, 0) : "n/a";
  };
  return `Bytes on the wire per cached 200 (\`Accept-Encoding: gzip\`): ${
    fmt(page.wireBytes, 0)
  } (body ${fmt(page.body.byteLength, 0)}, ${encoding ?? "identity"}; ${page.headers.length} ` +
    `header fields); wrk read ${perResponse("(b)")} per response in (b), ${
      perResponse("(f)")
    } in (f).`;
}

async function main(): Promise<void> {
  const options = parseOptions(Deno.args);
  const report: Report = {
    rows: [],
    revalidation: null,
    hitRatio: { client: null, server: null, pages: null, perGet: null },
    conditional: null,
    cachedPage: null,
    pairRatios: [],
    options,
    database: "",
  };
  const budget = setTimeout(() => {
    console.error(`Out of time (--budget=${options.budget} s): stopping the child processes`);
    stopAll();
  }, options.budget * 1000);
  const started = performance.now();
  try {
    await loadTest(options, report);
  } finally {
    clearTimeout(budget);
  }
  const section = renderSection(report);
  console.log(`\n${section}`);
  if (options.out) {
    await writeSection(`${ROOT}${options.out}`, "## Load test", section);
    console.log(`Wrote the "Load test" section of ${options.out}`);
  }
  console.log(`Done in ${fmt((performance.now() - started) / 1000, 0)} s`);
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    console.error(`Load test failed: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
