/**
 * What a dashboard section needs to know to show (or hide) its write forms, and the values of
 * a form that failed validation.
 *
 * The values a user submitted travel once, in the failed form's HTML: the islands' props name
 * the form and its messages only ({@linkcode FailedForm}). On the server the page provides the
 * values through {@linkcode SubmittedValues}; in the browser an island reads them back from
 * the form marked `data-submitted` when it hydrates. So a 422 page with a 60 kB field is the
 * dashboard plus 60 kB, not plus 60 kB for every island.
 *
 * @module
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";

/**
 * A write form that failed validation, shown again with the entered values and the errors.
 *
 * `id` names the row the form edits (none for a form that adds one; the phase's id for a form
 * that adds a task to it).
 * `errors` maps a field name to its message; a key that is no field, such as `_form`, is shown
 * at the top of the form.
 */
export type FormState = {
  /** Which form: `log`, `metric`, `risk`, `phase`, `task`, `team`, `blocker`, …. */
  form: string;
  id?: string;
  values: Record<string, string>;
  errors: Record<string, string>;
};

/** A failed form as island props carry it: which form, and its messages; no values. */
export type FailedForm = Omit<FormState, "values">;

/** Passed to every dashboard section. */
export interface EditContext {
  /** The project's id, for form actions. */
  projectId: string;
  /** Whether the user may write; viewers see no forms at all. */
  canEdit: boolean;
  /** A form that failed validation, to show again with its errors (values: see the module). */
  form?: FailedForm;
  /** The section the page was asked to show in edit mode (`?edit=`), if any. */
  editing?: string;
}

/**
 * The submitted values of the failed form, provided by the page on the server. Absent (null)
 * in the browser, where they are read from the form's fields.
 *
 * @example
 * ```tsx ignore
 * <SubmittedValues.Provider value={form.values}>…</SubmittedValues.Provider>
 * ```
 */
export const SubmittedValues = createContext<Record<string, string> | null>(null);

let valuesInDocument: Record<string, string> | undefined;

/** The fields of the page's `form[data-submitted]`, read once, before anyone could edit them. */
function submittedValuesInDocument(): Record<string, string> {
  if (valuesInDocument) return valuesInDocument;
  const values: Record<string, string> = {};
  const form = typeof document === "undefined"
    ? null
    : document.querySelector<HTMLFormElement>("form[data-submitted]");
  if (form) {
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string") values[name] = value;
    }
  }
  valuesInDocument = values;
  return values;
}

const noErrors: Record<string, string> = {};

/**
 * The failed form's values and errors if it is the form `kind` for `id`, else empty ones.
 * A hook: call it while rendering, every time (the values come from {@linkcode SubmittedValues}
 * or, in the browser, from the form marked `data-submitted`, which `active` forms carry).
 *
 * @example
 * ```ts ignore
 * const { active, values, errors } = formFor(ctx, "risk", risk.id);
 * ```
 */
export function formFor(
  ctx: EditContext,
  kind: FormState["form"],
  id?: string,
): { active: boolean; values: Record<string, string>; errors: Record<string, string> } {
  const provided = useContext(SubmittedValues);
  const form = ctx.form;
  if (form && form.form === kind && (form.id ?? "") === (id ?? "")) {
    const values = provided ?? submittedValuesInDocument();
    return { active: true, values, errors: form.errors ?? noErrors };
  }
  return { active: false, values: {}, errors: noErrors };
}

/**
 * The URL of a project's write endpoint, with each segment encoded.
 *
 * @example
 * ```ts
 * projectAction("p1", "risks", "r1"); // "/projects/p1/risks/r1"
 * ```
 */
export function projectAction(projectId: string, ...segments: string[]): string {
  return ["", "projects", projectId, ...segments].map(encodeURIComponent).join("/");
}

/**
 * Whether the form that failed validation is one of `kinds`: its section's edit panel opens.
 *
 * @example
 * ```ts
 * failedIn({ projectId: "p1", canEdit: true }, ["phase", "task"]); // false
 * ```
 */
export function failedIn(ctx: EditContext, kinds: readonly string[]): boolean {
  return ctx.form !== undefined && kinds.includes(ctx.form.form);
}
