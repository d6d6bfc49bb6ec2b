/**
 * What a dashboard section needs to know to show (or hide) its write forms.
 *
 * @module
 */
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

/** Passed to every dashboard section. */
export interface EditContext {
  /** The project's id, for form actions. */
  projectId: string;
  /** Whether the user may write; viewers see no forms at all. */
  canEdit: boolean;
  /** A form that failed validation, to show again with its values and errors. */
  form?: FormState;
  /** The section the page was asked to show in edit mode (`?edit=`), if any. */
  editing?: string;
}

const noErrors: Record<string, string> = {};

/**
 * The failed form's values and errors if it is the form `kind` for `id`, else empty ones.
 *
 * @example
 * ```ts
 * const { values, errors } = formFor(ctx, "risk", risk.id);
 * ```
 */
export function formFor(
  ctx: EditContext,
  kind: FormState["form"],
  id?: string,
): { active: boolean; values: Record<string, string>; errors: Record<string, string> } {
  const form = ctx.form;
  if (form && form.form === kind && (form.id ?? "") === (id ?? "")) {
    return { active: true, values: form.values ?? {}, errors: form.errors ?? noErrors };
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
