/**
 * Next actions: checklists grouped Immediate (Today), This Week and Next Week, ticked in place
 * by those who may edit, and an editor to add and remove actions.
 *
 * @module
 */
import type { ActionGroup, ActionItem } from "../../lib/model/types.ts";
import { type EditContext, failedIn, formFor, projectAction } from "./edit.ts";
import { ActionButton, Editable, type FieldSpec, WriteForm } from "./fields.tsx";
import { Tick } from "./milestones.tsx";

const GROUPS = [["Immediate", "Immediate (Today)"], ["This Week", "This Week"], [
  "Next Week",
  "Next Week",
]] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: "group", label: "When", kind: "select", options: GROUPS },
  { name: "text", label: "Action", required: true, wide: true, maxLength: 300 },
];

/**
 * The `#actions` section.
 *
 * @example
 * ```tsx
 * <ActionsSection groups={dashboard.actionGroups} ctx={ctx} />
 * ```
 */
export function ActionsSection(props: { groups: ActionGroup[]; ctx: EditContext }) {
  const { groups, ctx } = props;
  return (
    <section id="actions" class="card section" aria-labelledby="actions-title">
      <h2 id="actions-title">Next actions</h2>
      <Editable
        ctx={ctx}
        id="actions"
        label="Next actions"
        failed={failedIn(ctx, ["action"])}
        editor={() => (
          <>
            <ul class="editor__list" role="list">
              {groups.flatMap((group) =>
                group.items.map((item) => (
                  <li key={item.id}>
                    <span>{group.title}: {item.text}</span>
                    <ActionButton
                      action={projectAction(ctx.projectId, "actions", item.id, "delete")}
                      label="Delete"
                      target={item.text}
                      danger
                    />
                  </li>
                ))
              )}
            </ul>
            <AddAction ctx={ctx} />
          </>
        )}
      >
        {groups.length === 0 && <p class="muted">No actions planned yet.</p>}
        {groups.map((group) => (
          <div key={group.id} class="action-group">
            <h3>
              {group.title}
              {group.when && <span class="muted">({group.when})</span>}
            </h3>
            {ctx.canEdit
              ? (
                <form method="post" class="tick-form">
                  <ul class="checklist" role="list">
                    {group.items.map((item) => <Action key={item.id} item={item} ctx={ctx} />)}
                  </ul>
                </form>
              )
              : (
                <ul class="checklist" role="list">
                  {group.items.map((item) => <Action key={item.id} item={item} ctx={ctx} />)}
                </ul>
              )}
          </div>
        ))}
      </Editable>
    </section>
  );
}

function Action(props: { item: ActionItem; ctx: EditContext }) {
  const { item, ctx } = props;
  return (
    <li
      id={`action-${item.id}`}
      class={item.done ? "checklist__item is-done" : "checklist__item"}
    >
      {ctx.canEdit
        ? (
          <Tick
            action={projectAction(ctx.projectId, "actions", item.id)}
            done={item.done}
            text={item.text}
          />
        )
        : (
          <>
            <span class="checklist__box" aria-hidden="true">{item.done ? "✓" : "☐"}</span>
            <span class="visually-hidden">{item.done ? "Done: " : "Not done: "}</span>
          </>
        )}
      <span class="checklist__text">{item.text}</span>
    </li>
  );
}

function AddAction(props: { ctx: EditContext }) {
  const { active, values, errors } = formFor(props.ctx, "action");
  return (
    <div class="editor">
      <h3 id="add-action-title">Add an action</h3>
      <WriteForm
        action={projectAction(props.ctx.projectId, "actions")}
        id="action-new"
        fields={FIELDS}
        values={active ? values : { group: "Immediate" }}
        errors={errors}
        submitted={active}
        submit="Add action"
        labelledBy="add-action-title"
      />
    </div>
  );
}
