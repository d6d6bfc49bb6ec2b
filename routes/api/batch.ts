/**
 * `POST /api/batch`: `{ "resources": [{ "path": "/api/...", "etag": "..." }], "seq": n }` →
 * each one's status, ETag and body, as its own conditional GET would answer; at most
 * {@linkcode MAX_BATCH} per request. `seq`, the last invalidation the page heard of, holds the
 * answer until this instance has applied it (see `lib/live/seq_gate.ts`).
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
import { answer } from "./_answer.ts";

const batchBody = z.object({
  resources: z.array(z.object({
    path: z.string().max(2048),
    etag: z.string().max(256).optional(),
  })),
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
});

const BATCHABLE = /^\/api\/(context|projects\/[^/?#]+)$/;

/** One resource's answer inside a batch. */
export interface BatchEntry {
  path: string;
  status: number;
  etag?: string;
  body?: unknown;
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
    const { resources, seq } = parsed.data;
    if (resources.length > MAX_BATCH) {
      throw new HttpError(413, `A batch holds at most ${MAX_BATCH} resources`);
    }
    if (seq !== undefined) await c.var.deps.seqGate.reach(seq);
    const entries = await Promise.all(resources.map(async ({ path, etag }): Promise<BatchEntry> => {
      if (!BATCHABLE.test(path)) {
        return {
          path,
          status: 400,
          error: "Only /api/context and /api/projects/:id can be batched",
        };
      }
      const { served: _served, ...result } = await answer(c, ctx, path, etag);
      return { path, ...result };
    }));
    privateHeaders(c);
    c.header("Content-Type", "application/json");
    // The bodies are cached values shared by every reader: their text is made once.
    return c.body(`{"resources":[${entries.map(entryText).join(",")}]}`);
  },
};

/** An entry as JSON, its body's text reused (see `jsonText`). */
function entryText(entry: BatchEntry): string {
  let text = `{"path":${JSON.stringify(entry.path)},"status":${entry.status}`;
  if (entry.etag !== undefined) text += `,"etag":${JSON.stringify(entry.etag)}`;
  if (entry.body !== undefined) text += `,"body":${jsonText(entry.body)}`;
  if (entry.error !== undefined) text += `,"error":${JSON.stringify(entry.error)}`;
  return `${text}}`;
}
