/**
 * Small presentational pieces shared by the pages: status dots, badges, progress bars,
 * scrollable tables and form-field errors.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import type { Health, Level } from "../../lib/model/types.ts";

const healthWords: Record<Health, string> = {
  green: "On track",
  yellow: "Needs attention",
  red: "Off target",
};

/**
 * A coloured traffic-light dot followed by its label, so colour is never the only signal.
 *
 * @example
 * ```tsx
 * <StatusDot health="green" label="On Track" />
 * ```
 */
export function StatusDot(props: { health: Health; label?: string }) {
  const label = props.label?.trim() || healthWords[props.health] || props.health;
  return (
    <span class={`status status--${props.health}`}>
      <span class="status__dot" aria-hidden="true" />
      <span class="status__label">{label}</span>
    </span>
  );
}

const levelHealth: Record<Level, Health> = { high: "red", medium: "yellow", low: "green" };

/**
 * A badge for a risk's impact or probability: high is red, medium yellow, low green.
 *
 * @example
 * ```tsx
 * <LevelBadge level="high" />
 * ```
 */
export function LevelBadge(props: { level: Level }) {
  const health = levelHealth[props.level] ?? "yellow";
  const text = props.level.charAt(0).toUpperCase() + props.level.slice(1);
  return <span class={`badge badge--${health}`}>{text}</span>;
}

/**
 * An accessible progress bar (`<progress>`) with its text beside it.
 *
 * `<progress>` needs no inline style, so it survives a strict Content-Security-Policy.
 *
 * @example
 * ```tsx
 * <ProgressBar value={3} max={5} label="Phase 1 progress" text="3 of 5 tasks done" />
 * ```
 */
export function ProgressBar(props: { value: number; max: number; label: string; text: string }) {
  const max = props.max > 0 ? props.max : 1;
  const value = Math.min(max, Math.max(0, props.value));
  const complete = props.max > 0 && value >= max;
  return (
    <div class={complete ? "progress progress--complete" : "progress"}>
      <progress value={value} max={max} aria-label={props.label}>{props.text}</progress>
      <span class="progress__text">{props.text}</span>
    </div>
  );
}

/**
 * A table container that scrolls sideways on narrow screens; focusable so keyboard users can
 * scroll it too.
 *
 * @example
 * ```tsx
 * <TableWrap label="Risk register"><table>...</table></TableWrap>
 * ```
 */
export function TableWrap(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}

/**
 * A field's validation message, referenced by the field's `aria-describedby`.
 *
 * @example
 * ```tsx
 * <FieldError id="risk-new-title-error" message="Enter a title" />
 * ```
 */
export function FieldError(props: { id: string; message?: string }) {
  if (!props.message) return null;
  return <p class="field-error" id={props.id}>{props.message}</p>;
}

/**
 * Lists the messages of `errors` whose keys are not among `fields`, such as a form-wide error.
 *
 * @example
 * ```tsx
 * <FormAlert errors={{ _form: "The project was changed meanwhile" }} fields={["text"]} />
 * ```
 */
export function FormAlert(props: { errors: Record<string, string>; fields: string[] }) {
  const messages = Object.entries(props.errors)
    .filter(([key, message]) => !props.fields.includes(key) && message)
    .map(([, message]) => message);
  if (messages.length === 0) return null;
  return (
    <div class="form-alert" role="alert">
      {messages.map((message) => <p key={message}>{message}</p>)}
    </div>
  );
}

/**
 * The attributes that tie an input to its error message, if it has one.
 *
 * @example
 * ```ts
 * fieldAria("log-text", "Enter some text"); // { "aria-invalid": "true", ... }
 * ```
 */
export function fieldAria(
  id: string,
  error: string | undefined,
): { "aria-invalid"?: "true"; "aria-describedby"?: string } {
  return error ? { "aria-invalid": "true", "aria-describedby": `${id}-error` } : {};
}
