/**
 * The building blocks of every write form on the dashboard: a form with its fields, labels,
 * messages and submit button; a one-button form (tick, move, delete); and the per-section
 * "Edit" panel that turns a section into its forms in place. All of it is plain HTML that
 * posts and redirects, so it works without JavaScript.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { EditContext } from "./edit.ts";
import { fieldAria, FieldError, FormAlert } from "./ui.tsx";

/** One field of a form. */
export interface FieldSpec {
  /** The form field's name, as the route reads it. */
  name: string;
  label: string;
  /** `text` (default), `textarea`, `select`, `number` or `hidden`. */
  kind?: "text" | "textarea" | "select" | "number" | "hidden";
  /** The choices of a `select`: value and label. */
  options?: readonly (readonly [string, string])[];
  required?: boolean;
  /** Takes the whole row of the form's grid. */
  wide?: boolean;
  maxLength?: number;
  /** A hint under the field. */
  hint?: string;
  /** For `number`: the bounds. */
  min?: number;
  max?: number;
}

/** Properties of {@linkcode WriteForm}. */
export interface WriteFormProps {
  action: string;
  /** Prefix of every field's id, unique on the page. */
  id: string;
  fields: readonly FieldSpec[];
  /** The values shown: the stored ones, or those a failed submission sent. */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Whether this is the form that failed validation (its values are the submitted ones). */
  submitted?: boolean;
  submit: string;
  labelledBy?: string;
  /** Extra class of the form. */
  class?: string;
}

/**
 * A form that posts its fields to `action`, with a label and message per field.
 *
 * @example
 * ```tsx
 * <WriteForm action="/projects/p1/phases" id="phase-new" submit="Add phase"
 *   fields={[{ name: "title", label: "Title", required: true }]} values={{}} errors={{}} />
 * ```
 */
export function WriteForm(props: WriteFormProps) {
  const names = props.fields.map((field) => field.name);
  return (
    <form
      method="post"
      action={props.action}
      class={`form-grid ${props.class ?? ""}`.trim()}
      aria-labelledby={props.labelledBy}
      data-submitted={props.submitted ? "" : undefined}
    >
      <FormAlert errors={props.errors} fields={names} />
      {props.fields.map((field) => (
        <Field
          key={field.name}
          field={field}
          id={`${props.id}-${field.name}`}
          value={props.values[field.name] ?? ""}
          error={props.errors[field.name]}
        />
      ))}
      <div class="form-grid__actions">
        <button type="submit" class="button button--primary">{props.submit}</button>
      </div>
    </form>
  );
}

function Field(props: { field: FieldSpec; id: string; value: string; error?: string }) {
  const { field, id, value, error } = props;
  if (field.kind === "hidden") return <input type="hidden" name={field.name} value={value} />;
  const aria = fieldAria(id, error);
  const common = { id, name: field.name, required: field.required, ...aria };
  // `defaultValue`, not `value`: what someone types stays when the island hydrates, or draws
  // again for a live update; a field left untouched still shows a value changed meanwhile.
  let control;
  if (field.kind === "textarea") {
    control = <textarea {...common} rows={3} maxLength={field.maxLength} defaultValue={value} />;
  } else if (field.kind === "select") {
    control = (
      <select {...common}>
        {(field.options ?? []).map(([option, label]) => (
          <option key={option} value={option} selected={option === value}>{label}</option>
        ))}
      </select>
    );
  } else {
    const number = field.kind === "number";
    control = (
      <input
        {...common}
        type={number ? "number" : "text"}
        min={field.min}
        max={field.max}
        maxLength={number ? undefined : field.maxLength ?? 300}
        defaultValue={value}
      />
    );
  }
  return (
    <div class={field.wide ? "field field--wide" : "field"}>
      <label for={id}>{field.label}</label>
      {control}
      {field.hint && <p class="hint">{field.hint}</p>}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** Properties of {@linkcode ActionButton}. */
export interface ActionButtonProps {
  action: string;
  /** The button's text. */
  label: string;
  /** What the button acts on, for screen readers: "Phase 1". */
  target?: string;
  /** Hidden fields posted with it. */
  fields?: Record<string, string>;
  /** A destructive action (styled as such). */
  danger?: boolean;
  /** A symbol shown instead of the label (which stays for screen readers). */
  icon?: string;
}

/**
 * A form of one button: tick an item, move a row, delete one.
 *
 * @example
 * ```tsx
 * <ActionButton action="/projects/p1/phases/f1/move" label="Move up" fields={{ direction: "up" }} />
 * ```
 */
export function ActionButton(props: ActionButtonProps) {
  // The accessible name is one string: a hidden span beside the visible text is laid out as a
  // block of its own, and is read with a space before its colon ("Resolve : …").
  const text = props.target ? `${props.label}: ${props.target}` : props.label;
  return (
    <form method="post" action={props.action} class="inline-form action-form">
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        class={props.danger ? "button button--small button--danger" : "button button--small"}
        title={props.icon ? text : undefined}
        aria-label={props.target || props.icon ? text : undefined}
      >
        {props.icon ? <span aria-hidden="true">{props.icon}</span> : props.label}
      </button>
    </form>
  );
}

/** Move up, move down and delete, for one row of an ordered list. */
export function RowActions(
  props: { action: string; target: string; first: boolean; last: boolean },
) {
  return (
    <div class="row-actions">
      {!props.first && (
        <ActionButton
          action={`${props.action}/move`}
          label="Move up"
          target={props.target}
          fields={{ direction: "up" }}
          icon="↑"
        />
      )}
      {!props.last && (
        <ActionButton
          action={`${props.action}/move`}
          label="Move down"
          target={props.target}
          fields={{ direction: "down" }}
          icon="↓"
        />
      )}
      <ActionButton action={`${props.action}/delete`} label="Delete" target={props.target} danger />
    </div>
  );
}

/** Properties of {@linkcode Editable}. */
export interface EditableProps {
  ctx: EditContext;
  /** The section's key in `?edit=`, and its anchor on the page: `team`, `phase-<id>`, … */
  id: string;
  /** What it is, for screen readers: "Team assignments". */
  label: string;
  /** Whether a form of it failed validation: it opens with its messages. */
  failed: boolean;
  /** Its forms, made only while editing: a page carries no form it does not show. */
  editor: () => ComponentChildren;
  /** Its values. */
  children: ComponentChildren;
}

/**
 * A section that shows its values, and for those who may edit an "Edit" control that turns it
 * into its forms in place. Without JavaScript the control is a link to the page with
 * `?edit=<id>`, which renders the section's forms; hydrated, it toggles them without leaving
 * the page. Either way the forms post and redirect back.
 *
 * @example
 * ```tsx
 * <Editable ctx={ctx} id="team" label="Team" failed={false} editor={() => forms}>
 *   {table}
 * </Editable>
 * ```
 */
export function Editable(props: EditableProps) {
  const { ctx } = props;
  const [editing, setEditing] = useState(ctx.editing === props.id || props.failed);
  if (!ctx.canEdit) return <>{props.children}</>;
  const base = `/projects/${encodeURIComponent(ctx.projectId)}`;
  const toggle = (on: boolean) => (event: Event) => {
    event.preventDefault();
    setEditing(on);
  };
  if (!editing) {
    return (
      <>
        <a
          class="button button--small section-edit"
          aria-label={`Edit: ${props.label}`}
          href={`${base}?edit=${encodeURIComponent(props.id)}#${props.id}`}
          onClick={toggle(true)}
        >
          Edit
        </a>
        {props.children}
      </>
    );
  }
  return (
    <>
      <a
        class="button button--small section-edit section-edit--done"
        aria-label={`Done: ${props.label}`}
        href={`${base}#${props.id}`}
        onClick={toggle(false)}
      >
        Done
      </a>
      <div class="section-editor stack" data-editing={props.id}>{props.editor()}</div>
    </>
  );
}

/** Choices of a traffic-light status. */
export const HEALTH_OPTIONS = [
  ["green", "🟢 Green"],
  ["yellow", "🟡 Yellow"],
  ["red", "🔴 Red"],
] as const;
