/**
 * Key accomplishments: numbered deliverables, each with who delivered it and its details, and
 * their editor.
 *
 * @module
 */
import type { Accomplishment } from "../../lib/model/types.ts";
import { type EditContext, failedIn, formFor, projectAction } from "./edit.ts";
import { Editable, type FieldSpec, RowActions, WriteForm } from "./fields.tsx";

const FIELDS: readonly FieldSpec[] = [
  { name: "title", label: "Deliverable", required: true, maxLength: 200 },
  { name: "owner", label: "Delivered by", maxLength: 120 },
  {
    name: "details",
    label: "Details",
    kind: "textarea",
    wide: true,
    maxLength: 4000,
    hint: "One detail per line.",
  },
];

/**
 * The `#accomplishments` section.
 *
 * @example
 * ```tsx
 * <AccomplishmentsSection accomplishments={dashboard.accomplishments} ctx={ctx} />
 * ```
 */
export function AccomplishmentsSection(
  props: { accomplishments: Accomplishment[]; ctx: EditContext },
) {
  const { accomplishments: items, ctx } = props;
  return (
    <section id="accomplishments" class="card section" aria-labelledby="accomplishments-title">
      <h2 id="accomplishments-title">Key accomplishments</h2>
      <Editable
        ctx={ctx}
        id="accomplishments"
        label="Key accomplishments"
        failed={failedIn(ctx, ["accomplishment"])}
        editor={() => (
          <>
            {items.map((item, i) => (
              <Editor
                key={item.id}
                item={item}
                ctx={ctx}
                first={i === 0}
                last={i === items.length - 1}
              />
            ))}
            <Add ctx={ctx} />
          </>
        )}
      >
        {items.length === 0
          ? <p class="muted">No deliverables recorded yet.</p>
          : (
            <ol class="deliverables">
              {items.map((item) => (
                <li key={item.id} id={`accomplishment-${item.id}`}>
                  <strong>{item.title}</strong>
                  {item.owner && <span class="muted">({item.owner})</span>}
                  {item.details.length > 0 && (
                    <ul>
                      {item.details.map((detail, i) => <li key={i}>{detail}</li>)}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          )}
      </Editable>
    </section>
  );
}

function values(item: Accomplishment): Record<string, string> {
  return { title: item.title, owner: item.owner ?? "", details: item.details.join("\n") };
}

function Editor(props: { item: Accomplishment; ctx: EditContext; first: boolean; last: boolean }) {
  const { item, ctx } = props;
  const failed = formFor(ctx, "accomplishment", item.id);
  const action = projectAction(ctx.projectId, "accomplishments", item.id);
  return (
    <fieldset class="editor">
      <legend>{item.title}</legend>
      <WriteForm
        action={action}
        id={`accomplishment-${item.id}`}
        fields={FIELDS}
        values={failed.active ? failed.values : values(item)}
        errors={failed.errors}
        submitted={failed.active}
        submit="Save deliverable"
      />
      <RowActions action={action} target={item.title} first={props.first} last={props.last} />
    </fieldset>
  );
}

function Add(props: { ctx: EditContext }) {
  const failed = formFor(props.ctx, "accomplishment");
  return (
    <div class="editor">
      <h3 id="add-accomplishment-title">Add a deliverable</h3>
      <WriteForm
        action={projectAction(props.ctx.projectId, "accomplishments")}
        id="accomplishment-new"
        fields={FIELDS}
        values={failed.values}
        errors={failed.errors}
        submitted={failed.active}
        submit="Add deliverable"
        labelledBy="add-accomplishment-title"
      />
    </div>
  );
}
