/**
 * `POST /api/batch`: `{ "resources": [{ "path": "/api/...", "etag": "..." }], "seq": n,
 * "patch": true }` → each one's status, ETag and body, as its own conditional GET would
 * answer; at most {@linkcode MAX_BATCH} per request. Each entry's `etag` is the identity tag,
 * and a held tag of any coding (`-gzip`, `-br`) matches it.
 *
 * - `seq`, the last invalidation the page heard of, holds the answer until this instance has
 *   applied it (see `lib/live/seq_gate.ts`).
 * - `patch: true`: when the page holds a dashboard one version old, and this instance still
 *   holds that version, the entry carries only the fields that changed —
 *   `{ "status": 200, "etag": new, "base": held, "patch": { "phases": [...] } }`, to be merged
 *   over the body the page holds under `base` — instead of `body`.
 * - `"stale": true` on an entry: its body is an earlier version's, served because the current
 *   one did not come in time (see `Loaders.read`); the page shows it and asks again shortly.
 *
 * @module
 */
import { z } from "zod";
import type { Handlers } from "../../lib/app/deps.ts";
import { signedIn } from "../../lib/app/respond.ts";
import { HttpError } from "../../lib/http/errors.ts";
import { privateHeaders } from "../../lib/http/headers.ts";
import { jsonText } from "../../lib/http/json_text.ts";
import { MAX_BATCH } from "../../lib/model/api.ts";
import { mergePatchText } from "../../lib/http/merge_patch.ts";
import { CompressedOnce } from "../../lib/http/compressed_once.ts";
import { answer, heldBefore, heldInBatch, JSON_TYPE } from "./_answer.ts";

const batchBody = z.object({
  resources: z.array(z.object({
    path: z.string().max(2048),
    etag: z.string().max(256).optional(),
  })),
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  patch: z.boolean().optional(),
});

const BATCHABLE = /^\/api\/(context|members|projects|projects\/[^/?#]+)$/;

/** Recent batch answers' coded bytes, in this process: identical answers compress once. */
const SHARED = new CompressedOnce();

/** One resource's answer inside a batch. */
export interface BatchEntry {
  path: string;
  status: number;
  etag?: string;
  body?: unknown;
  /** The ETag of the body `patch` applies to: the one the page sent. */
  base?: string;
  /** The JSON text of the changed top-level fields, instead of `body`. */
  patch?: string;
  /** The body is an earlier version's, served stale (the current one did not come in time). */
  stale?: boolean;
  error?: string;
}

/** The batch handler. */
export const handler: Handlers = {
  async POST(c) {
    const ctx = signedIn(c);
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new HttpError(400, 'The body must be JSON like {"resources": [...]}');
    }
    const parsed = batchBody.safeParse(raw);
    if (!parsed.success) {
      throw new HttpError(400, `Invalid batch: ${parsed.error.issues[0].message}`);
    }
    const { resources, seq, patch } = parsed.data;
    if (resources.length > MAX_BATCH) {
      throw new HttpError(413, `A batch holds at most ${MAX_BATCH} resources`);
    }
    if (seq !== undefined) await c.var.deps.seqGate.reach(seq);
    const entries = await Promise.all(resources.map(async ({ path, etag }): Promise<BatchEntry> => {
      if (!BATCHABLE.test(path)) {
        return {
          path,
          status: 400,
          error: "Only /api/context, /api/projects(/:id) and /api/members can be batched",
        };
      }
      const { served, freshUntil: _freshUntil, ...result } = await answer(
        c,
        ctx,
        path,
        heldInBatch(etag),
      );
      if (patch && result.status === 200 && result.etag && etag !== undefined) {
        const before = heldBefore(c, ctx, path, etag);
        const text = before === undefined ? null : mergePatchText(before, result.body);
        if (text !== null) return { path, status: 200, etag: result.etag, base: etag, patch: text };
      }
      // A page that heard of a change must not take an older value as the last word.
      if (served === "stale" && result.status === 200) return { path, ...result, stale: true };
      return { path, ...result };
    }));
    privateHeaders(c);
    // The bodies are cached values shared by every reader: their text is made once, and the
    // pages of a reader, all asking the same after a write, share its compression.
    const text = `{"resources":[${entries.map(entryText).join(",")}]}`;
    return await SHARED.respond(c, text, { contentType: JSON_TYPE });
  },
};

/** An entry as JSON, its body's text reused (see `jsonText`). */
function entryText(entry: BatchEntry): string {
  let text = `{"path":${JSON.stringify(entry.path)},"status":${entry.status}`;
  if (entry.etag !== undefined) text += `,"etag":${JSON.stringify(entry.etag)}`;
  if (entry.body !== undefined) text += `,"body":${jsonText(entry.body)}`;
  if (entry.patch !== undefined) {
    text += `,"base":${JSON.stringify(entry.base)},"patch":${entry.patch}`;
  }
  if (entry.stale) text += `,"stale":true`;
  if (entry.error !== undefined) text += `,"error":${JSON.stringify(entry.error)}`;
  return `${text}}`;
}
