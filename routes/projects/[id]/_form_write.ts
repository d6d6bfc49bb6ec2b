/**
 * One shape for the project's form writes: editors only; the ids in the URL, each a UUID of
 * this project (404 otherwise); the form validated (422 with the form shown again, or JSON for
 * an island); the write through the one write path; 303 back to the section it changed.
 *
 * @module
 */
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv, Handlers } from "../../../lib/app/deps.ts";
import { HttpError, uuidParam } from "../../../lib/http/errors.ts";
import { formFields } from "../../../lib/http/form.ts";
import type { Db } from "../../../lib/db/connection.ts";
import type { MoveDirection, ProjectScope } from "../../../lib/db/project_writes.ts";
import type { RequestContext } from "../../../lib/resources/context.ts";
import { fieldErrors, invalid, writeProject, writeScope, written } from "./_write.tsx";

/** The route's UUID parameters: name → what it names, for the 404 ("Phase not found"). */
export type IdParams = Readonly<Record<string, string>>;

/** What a write is given. */
export interface WriteInput<T> {
  db: Db;
  scope: ProjectScope;
  data: T;
  /** The route's ids, lower-cased. */
  ids: Record<string, string>;
  ctx: RequestContext;
}

/** Options of {@linkcode formWrite}. */
export interface FormWriteOptions<S extends z.ZodType, T> {
  schema: S;
  /** The ids in the URL besides the project's. Default none. */
  params?: IdParams;
  /** The failed form's kind and id, from the ids and the fields sent. */
  form: (ids: Record<string, string>, fields: Record<string, string>) => {
    form: string;
    id?: string;
  };
  /** What a write that finds nothing is: "Phase" gives "Phase not found". */
  what: string;
  /** The section (fragment) to go back to. */
  anchor: (result: T, ids: Record<string, string>) => string;
  write(input: WriteInput<z.output<S>>): Promise<T | null>;
}

function idsOf(c: Context<AppEnv>, params: IdParams): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [name, what] of Object.entries(params)) ids[name] = uuidParam(c.req.param(name), what);
  return ids;
}

/**
 * Handles a form write from start to answer.
 *
 * @example
 * ```ts ignore
 * export const handler = formWrite({ schema, what: "Phase", form: () => ({ form: "phase" }),
 *   anchor: () => "phases", write: ({ db, scope, data }) => addPhase(db, scope, data) });
 * ```
 */
export function formWrite<S extends z.ZodType, T>(options: FormWriteOptions<S, T>): Handlers {
  return {
    async POST(c) {
      const { ctx, scope } = await writeScope(c);
      const ids = idsOf(c, options.params ?? {});
      const fields = await formFields(c);
      const parsed = options.schema.safeParse(fields);
      if (!parsed.success) {
        const failed = options.form(ids, fields);
        return invalid(c, ctx, { ...failed, values: fields, errors: fieldErrors(parsed.error) });
      }
      const { db } = c.var.deps;
      const result = await writeProject(
        c,
        scope,
        options.what,
        () => options.write({ db, scope, data: parsed.data, ids, ctx }),
      );
      return written(c, scope, options.anchor(result, ids), { result });
    },
  };
}

const moveForm = z.object({ direction: z.enum(["up", "down"], "Choose up or down") });

/**
 * The handler that moves a row of an ordered list one place up or down (`direction`).
 *
 * @example
 * ```ts ignore
 * export const handler = moveWrite({ taskId: "Task" }, "Task", (db, scope, id, d) => moveTask(db, scope, id, d));
 * ```
 */
export function moveWrite(
  params: IdParams,
  what: string,
  move: (db: Db, scope: ProjectScope, id: string, direction: MoveDirection) => Promise<unknown>,
  anchor: (ids: Record<string, string>) => string,
): Handlers {
  const [name] = Object.keys(params);
  return {
    async POST(c) {
      const { scope } = await writeScope(c);
      const ids = idsOf(c, params);
      const parsed = moveForm.safeParse(await formFields(c));
      if (!parsed.success) throw new HttpError(422, parsed.error.issues[0].message);
      const { db } = c.var.deps;
      const result = await writeProject(
        c,
        scope,
        what,
        () => move(db, scope, ids[name], parsed.data.direction) as Promise<unknown>,
      );
      return written(c, scope, anchor(ids), { result });
    },
  };
}

/**
 * The handler that deletes a row.
 *
 * @example
 * ```ts ignore
 * export const handler = deleteWrite({ riskId: "Risk" }, "Risk", deleteRisk, () => "risks");
 * ```
 */
export function deleteWrite(
  params: IdParams,
  what: string,
  remove: (db: Db, scope: ProjectScope, id: string) => Promise<unknown>,
  anchor: (ids: Record<string, string>) => string,
): Handlers {
  const [name] = Object.keys(params);
  return {
    async POST(c) {
      const { scope } = await writeScope(c);
      const ids = idsOf(c, params);
      const { db } = c.var.deps;
      const result = await writeProject(c, scope, what, () => remove(db, scope, ids[name]));
      return written(c, scope, anchor(ids), { result });
    },
  };
}

/** A `done` or `resolved` field: `true` or `false`, anything else is a 422. */
export const booleanField = z.enum(["true", "false"], "Send true or false").transform((v) =>
  v === "true"
);
