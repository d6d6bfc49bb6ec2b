/**
 * `POST /api/batch`: `{ "resources": [{ "path": "/api/...", "etag": "..." }] }` → each one's
 * status, ETag and body, as its own conditional GET would answer; at most
 * {@linkcode MAX_BATCH} per request. Each entry's `etag` is the identity tag, and a held tag
 * of any coding (`-gzip`, `-br`) matches it.
 *
 * @module
 */
import { z } from "zod";
import type { Handlers } from "../../lib/app/deps.ts";
import { signedIn } from "../../lib/app/respond.ts";
import { HttpError } from "../../lib/http/errors.ts";
import { privateHeaders } from "../../lib/http/headers.ts";
import { MAX_BATCH } from "../../lib/model/api.ts";
import { compressedResponse } from "../../lib/http/coded_response.ts";
import { answer, heldInBatch, JSON_TYPE } from "./_answer.ts";

const batchBody = z.object({
  resources: z.array(z.object({
    path: z.string().max(2048),
    etag: z.string().max(256).optional(),
  })),
});

const BATCHABLE = /^\/api\/(context|members|projects|projects\/[^/?#]+)$/;

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
    const { resources } = parsed.data;
    if (resources.length > MAX_BATCH) {
      throw new HttpError(413, `A batch holds at most ${MAX_BATCH} resources`);
    }
    const entries = await Promise.all(resources.map(async ({ path, etag }): Promise<BatchEntry> => {
      if (!BATCHABLE.test(path)) {
        return {
          path,
          status: 400,
          error: "Only /api/context, /api/projects(/:id) and /api/members can be batched",
        };
      }
      const { served: _served, freshUntil: _freshUntil, ...result } = await answer(
        c,
        ctx,
        path,
        heldInBatch(etag),
      );
      return { path, ...result };
    }));
    privateHeaders(c);
    // Compressed when large (a dashboard's data is ~20 kB of JSON): `COMPRESS_MIN_BYTES`.
    return await compressedResponse(c, JSON.stringify({ resources: entries }), {
      contentType: JSON_TYPE,
    });
  },
};
