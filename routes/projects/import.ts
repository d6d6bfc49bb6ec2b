/**
 * `POST /projects/import` (`markdown`, as a text field or an uploaded `file`): reads a
 * progress dashboard in the reference's Markdown shape into a new project, all or nothing,
 * and answers 303 to it. Up to 1 MB (413 beyond); a document it cannot read is a 422 naming
 * the line and what was expected there. Owners and members only. `GET` (the address of a
 * refused import, opened again) goes home, where the import form is.
 *
 * @module
 */
import type { Context } from "hono";
import type { AppEnv, Handlers } from "../../lib/app/deps.ts";
import { withRole } from "../../lib/app/respond.ts";
import { HttpError } from "../../lib/http/errors.ts";
import { wantsJson } from "../../lib/http/form.ts";
import { EDITOR_ROLES } from "../../lib/model/context.ts";
import {
  byteLength,
  MarkdownError,
  MAX_IMPORT_BYTES,
  parseDashboard,
} from "../../lib/markdown/mod.ts";
import { DashboardImportError, importDashboard } from "../../lib/db/markdown_import.ts";
import { homeFormFailed } from "./_home_form.tsx";

const TOO_BIG = `The dashboard is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;

/** The Markdown the request carries: an uploaded file first, else the text field. */
async function markdownOf(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header("content-type") ?? "";
  if (
    !type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded")
  ) {
    throw new HttpError(415, "Send the dashboard as a form: a file or the markdown field");
  }
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody();
  } catch {
    throw new HttpError(400, "The form could not be read");
  }
  const file = body.file;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_IMPORT_BYTES) throw new HttpError(413, TOO_BIG);
    return await file.text();
  }
  const text = typeof body.markdown === "string" ? body.markdown : "";
  if (byteLength(text) > MAX_IMPORT_BYTES) throw new HttpError(413, TOO_BIG);
  return text;
}

/** The import handler. */
export const handler: Handlers = {
  GET: (c) => c.redirect("/", 303),
  async POST(c) {
    const ctx = withRole(c, EDITOR_ROLES);
    const markdown = await markdownOf(c);
    const failed = (message: string, extra: Record<string, unknown> = {}) =>
      homeFormFailed(c, ctx, {
        form: "import",
        values: { markdown },
        errors: { markdown: message },
      }, extra);
    let doc;
    try {
      doc = parseDashboard(markdown);
    } catch (error) {
      if (!(error instanceof MarkdownError)) throw error;
      return await failed(error.message, { line: error.line, expected: error.expected });
    }
    const { db, writeThrough, loaders } = c.var.deps;
    const tenantId = ctx.tenant.id;
    const refill = [loaders.resources.projectList(tenantId), loaders.resources.catalog(tenantId)];
    let id: string;
    try {
      id = await writeThrough(() => importDashboard(db, tenantId, doc), { refill });
    } catch (error) {
      if (!(error instanceof DashboardImportError)) throw error;
      return await failed(error.message);
    }
    if (wantsJson(c)) return c.json({ id }, 201);
    return c.redirect(`/projects/${id}`, 303);
  },
};
