/**
 * The communication log, grouped by day, with a form to add an entry.
 *
 * @module
 */
import type { LogEntry } from "../../lib/model/types.ts";
import { type EditContext, formFor, projectAction } from "./edit.ts";
import { formatDay } from "./format.ts";
import { FieldError, FormAlert } from "./ui.tsx";

/**
 * Groups entries (in log order, oldest first) by the day they show: newest day first, each
 * day's entries in log order.
 *
 * @example
 * ```ts
 * groupByDay(entries); // [{ day: "2025-08-01", entries: [...] }, { day: "2025-07-31", ... }]
 * ```
 */
export function groupByDay(entries: LogEntry[]): { day: string; entries: LogEntry[] }[] {
  const days = new Map<string, LogEntry[]>();
  for (const entry of entries) {
    const list = days.get(entry.day);
    if (list) list.push(entry);
    else days.set(entry.day, [entry]);
  }
  return [...days.entries()].reverse().map(([day, list]) => ({ day, entries: list }));
}

/**
 * The `#log` section.
 *
 * @example
 * ```tsx
 * <LogSection log={dashboard.log} ctx={ctx} />
 * ```
 */
export function LogSection(props: { log: LogEntry[]; ctx: EditContext }) {
  const days = groupByDay(props.log);
  return (
    <section id="log" class="card section" aria-labelledby="log-title">
      <h2 id="log-title">Communication log</h2>
      {props.ctx.canEdit && <LogForm ctx={props.ctx} />}
      {days.length === 0 && <p class="muted">No entries yet.</p>}
      {days.map(({ day, entries }) => (
        <section key={day} class="log-day" aria-labelledby={`log-day-${day}`}>
          <h3 id={`log-day-${day}`}>
            <time datetime={day}>{formatDay(day)}</time>
          </h3>
          <ol class="log" role="list">
            {entries.map((entry) => (
              <li key={entry.id} class="log__entry">
                <time class="log__time" datetime={entry.at}>{entry.time}</time>
                <div class="log__body">
                  <span class="log__author">{entry.author}</span>
                  <LogText text={entry.text} items={entry.items} />
                </div>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

/**
 * Plain lines become paragraphs; runs of lines starting with "- " become a list, and so do
 * the entry's bullets.
 */
function LogText(props: { text: string; items: string[] }) {
  const blocks: { list: boolean; lines: string[] }[] = [];
  for (const raw of props.text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    const list = line.startsWith("- ");
    const text = list ? line.slice(2).trim() : line;
    const last = blocks.at(-1);
    if (last && last.list === list) last.lines.push(text);
    else blocks.push({ list, lines: [text] });
  }
  if (props.items.length > 0) {
    const last = blocks.at(-1);
    if (last?.list) last.lines.push(...props.items);
    else blocks.push({ list: true, lines: [...props.items] });
  }
  return (
    <div class="log__text">
      {blocks.map((block, i) =>
        block.list
          ? (
            <ul key={i}>
              {block.lines.map((line, j) => <li key={j}>{line}</li>)}
            </ul>
          )
          : (
            <p key={i}>
              {block.lines.flatMap((line, j) => j === 0 ? [line] : [<br key={j} />, line])}
            </p>
          )
      )}
    </div>
  );
}

function LogForm(props: { ctx: EditContext }) {
  const { active, values, errors } = formFor(props.ctx, "log");
  const id = "log-text";
  return (
    <form
      data-submitted={active ? "" : undefined}
      method="post"
      action={projectAction(props.ctx.projectId, "log")}
      class="stack log-form"
      aria-label="Add a log entry"
    >
      <FormAlert errors={errors} fields={["text"]} />
      <div class="field">
        <label for={id}>New entry</label>
        <textarea
          id={id}
          name="text"
          rows={3}
          maxLength={4000}
          required
          defaultValue={values.text ?? ""}
          aria-describedby={errors.text ? `${id}-error ${id}-hint` : `${id}-hint`}
          aria-invalid={errors.text ? "true" : undefined}
        />
        <p class="hint" id={`${id}-hint`}>Start a line with “- ” to make a bulleted list.</p>
        <FieldError id={`${id}-error`} message={errors.text} />
      </div>
      <div>
        <button type="submit" class="button button--primary">Add entry</button>
      </div>
    </form>
  );
}
