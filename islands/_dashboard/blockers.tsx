/**
 * Active blockers ("None currently identified." when there are none), the resolved ones, and
 * their editor: add, resolve, reopen and remove. The executive summary's Blockers row counts
 * the open ones.
 *
 * @module
 */
import type { Blocker } from "../../lib/model/types.ts";
import { type EditContext, failedIn, formFor, projectAction } from "./edit.ts";
import { ActionButton, Editable, type FieldSpec, WriteForm } from "./fields.tsx";

const BLOCKER_FIELDS: readonly FieldSpec[] = [
  { name: "text", label: "Blocker", required: true, wide: true, maxLength: 500 },
];

/**
 * The `#blockers` section.
 *
 * @example
 * ```tsx
 * <BlockersSection blockers={dashboard.blockers} ctx={ctx} />
 * ```
 */
export function BlockersSection(props: { blockers: Blocker[]; ctx: EditContext }) {
  const { ctx } = props;
  const open = props.blockers.filter((blocker) => blocker.resolvedAt === null);
  const resolved = props.blockers.filter((blocker) => blocker.resolvedAt !== null);
  return (
    <section id="blockers" class="card section" aria-labelledby="blockers-title">
      <h2 id="blockers-title">Active blockers</h2>
      <Editable
        ctx={ctx}
        id="blockers"
        label="Active blockers"
        failed={failedIn(ctx, ["blocker"])}
        editor={() => (
          <>
            <ul class="editor__list" role="list">
              {props.blockers.map((blocker) => (
                <BlockerEditor key={blocker.id} blocker={blocker} ctx={ctx} />
              ))}
            </ul>
            <AddBlocker ctx={ctx} />
          </>
        )}
      >
        {open.length === 0
          ? <p class="muted" data-blockers="none">None currently identified.</p>
          : (
            <ul class="blocker-list" role="list" data-blockers={open.length}>
              {open.map((blocker) => (
                <li key={blocker.id} id={`blocker-${blocker.id}`} class="blocker">
                  {blocker.text}
                </li>
              ))}
            </ul>
          )}
        {resolved.length > 0 && (
          <details class="resolved-blockers">
            <summary>Resolved ({resolved.length})</summary>
            <ul class="blocker-list blocker-list--resolved" role="list">
              {resolved.map((blocker) => (
                <li key={blocker.id} class="blocker is-resolved">
                  <s>{blocker.text}</s>{" "}
                  <span class="muted">resolved {blocker.resolvedAt!.slice(0, 10)}</span>
                </li>
              ))}
            </ul>
          </details>
        )}
      </Editable>
    </section>
  );
}

function BlockerEditor(props: { blocker: Blocker; ctx: EditContext }) {
  const { blocker, ctx } = props;
  const action = projectAction(ctx.projectId, "blockers", blocker.id);
  const resolved = blocker.resolvedAt !== null;
  return (
    <li class={resolved ? "is-resolved" : undefined}>
      <span>{blocker.text}</span>
      <ActionButton
        action={action}
        label={resolved ? "Reopen" : "Resolve"}
        target={blocker.text}
        fields={{ resolved: resolved ? "false" : "true" }}
      />
      <ActionButton action={`${action}/delete`} label="Delete" target={blocker.text} danger />
    </li>
  );
}

function AddBlocker(props: { ctx: EditContext }) {
  const { active, values, errors } = formFor(props.ctx, "blocker");
  return (
    <div class="editor">
      <h3 id="add-blocker-title">Add a blocker</h3>
      <WriteForm
        action={projectAction(props.ctx.projectId, "blockers")}
        id="blocker-new"
        fields={BLOCKER_FIELDS}
        values={values}
        errors={errors}
        submitted={active}
        submit="Add blocker"
        labelledBy="add-blocker-title"
      />
    </div>
  );
}
