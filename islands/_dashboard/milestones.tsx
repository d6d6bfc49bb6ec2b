/**
 * Weekly milestones with their checklists: items ticked and unticked in place by those who may
 * edit, and an "Edit" panel to add, rename and remove weeks and items.
 *
 * @module
 */
import type { Milestone } from "../../lib/model/types.ts";
import { type EditContext, failedIn, formFor, projectAction } from "./edit.ts";
import { ActionButton, Editable, type FieldSpec, WriteForm } from "./fields.tsx";

const WEEK_FIELDS: readonly FieldSpec[] = [
  { name: "title", label: "Week", required: true, maxLength: 200 },
  { name: "note", label: "Note (e.g. Starting 2025-07-31)", maxLength: 200 },
];

const ITEM_FIELDS: readonly FieldSpec[] = [
  { name: "text", label: "New item", required: true, wide: true, maxLength: 300 },
];

/**
 * The `#milestones` section.
 *
 * @example
 * ```tsx
 * <MilestonesSection milestones={dashboard.milestones} ctx={ctx} />
 * ```
 */
export function MilestonesSection(props: { milestones: Milestone[]; ctx: EditContext }) {
  const { ctx, milestones } = props;
  return (
    <section id="milestones" class="card section" aria-labelledby="milestones-title">
      <h2 id="milestones-title">Weekly milestones</h2>
      <Editable
        ctx={ctx}
        id="milestones"
        label="Weekly milestones"
        failed={failedIn(ctx, ["milestone", "milestone-item"])}
        editor={() => (
          <>
            {milestones.map((week, i) => (
              <WeekEditor
                key={week.id}
                week={week}
                ctx={ctx}
                first={i === 0}
                last={i === milestones.length - 1}
              />
            ))}
            <AddWeek ctx={ctx} />
          </>
        )}
      >
        {milestones.length === 0 && <p class="muted">No milestones yet.</p>}
        <div class="milestone-grid">
          {milestones.map((week) => <Week key={week.id} week={week} ctx={ctx} />)}
        </div>
      </Editable>
    </section>
  );
}

/** A week's heading: its title and note, as the reference writes it. */
export function weekTitle(week: Pick<Milestone, "title" | "note">): string {
  return week.note ? `${week.title} (${week.note})` : week.title;
}

function Week(props: { week: Milestone; ctx: EditContext }) {
  const { week, ctx } = props;
  const done = week.items.filter((item) => item.done).length;
  const titleId = `milestone-${week.id}-title`;
  const list = (
    <ul class="checklist" role="list">
      {week.items.map((item) => (
        <li
          key={item.id}
          id={`milestone-item-${item.id}`}
          class={item.done ? "checklist__item is-done" : "checklist__item"}
        >
          {ctx.canEdit
            ? (
              <Tick
                action={projectAction(ctx.projectId, "milestones", item.id)}
                done={item.done}
                text={item.text}
              />
            )
            : <Box done={item.done} />}
          <span class="checklist__text">{item.text}</span>
        </li>
      ))}
    </ul>
  );
  return (
    <article class="milestone" aria-labelledby={titleId}>
      <h3 id={titleId}>{weekTitle(week)}</h3>
      <p class="milestone__count muted">{done} of {week.items.length} done</p>
      {/* One form per week: each item's button posts to its own address. */}
      {ctx.canEdit ? <form method="post" class="tick-form">{list}</form> : list}
    </article>
  );
}

/** A checkbox-like button that posts the item's other state (`done`) to `action`. */
export function Tick(props: { action: string; done: boolean; text: string }) {
  const label = `${props.done ? "Mark not done" : "Mark done"}: ${props.text}`;
  return (
    <button
      type="submit"
      class="checklist__tick"
      formAction={props.action}
      name="done"
      value={props.done ? "false" : "true"}
      aria-pressed={props.done ? "true" : "false"}
      aria-label={label}
    >
      {props.done ? "✓" : "☐"}
    </button>
  );
}

function Box(props: { done: boolean }) {
  return (
    <>
      <span class="checklist__box" aria-hidden="true">{props.done ? "✓" : "☐"}</span>
      <span class="visually-hidden">{props.done ? "Done: " : "Not done: "}</span>
    </>
  );
}

function WeekEditor(props: { week: Milestone; ctx: EditContext; first: boolean; last: boolean }) {
  const { week, ctx } = props;
  const edit = formFor(ctx, "milestone", week.id);
  const add = formFor(ctx, "milestone-item", week.id);
  const action = projectAction(ctx.projectId, "weeks", week.id);
  return (
    <fieldset class="editor">
      <legend>{weekTitle(week)}</legend>
      <WriteForm
        action={action}
        id={`week-${week.id}`}
        fields={WEEK_FIELDS}
        values={edit.active ? edit.values : { title: week.title, note: week.note ?? "" }}
        errors={edit.errors}
        submitted={edit.active}
        submit="Save week"
      />
      <ul class="editor__list" role="list">
        {week.items.map((item) => (
          <li key={item.id}>
            <span>{item.text}</span>
            <ActionButton
              action={projectAction(ctx.projectId, "milestones", item.id, "delete")}
              label="Delete"
              target={item.text}
              danger
            />
          </li>
        ))}
      </ul>
      <WriteForm
        action={`${action}/items`}
        id={`week-${week.id}-item`}
        fields={ITEM_FIELDS}
        values={add.values}
        errors={add.errors}
        submitted={add.active}
        submit="Add item"
      />
      <ActionButton action={`${action}/delete`} label="Delete week" target={week.title} danger />
    </fieldset>
  );
}

function AddWeek(props: { ctx: EditContext }) {
  const { active, values, errors } = formFor(props.ctx, "milestone");
  return (
    <div class="editor">
      <h3 id="add-week-title">Add a week</h3>
      <WriteForm
        action={projectAction(props.ctx.projectId, "milestones")}
        id="week-new"
        fields={WEEK_FIELDS}
        values={values}
        errors={errors}
        submitted={active}
        submit="Add week"
        labelledBy="add-week-title"
      />
    </div>
  );
}
