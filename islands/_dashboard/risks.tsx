/**
 * The risk register, and its editor: add, change, reorder and remove risks.
 *
 * @module
 */
import type { Risk } from "../../lib/model/types.ts";
import { type EditContext, failedIn, formFor, projectAction } from "./edit.ts";
import { Editable, type FieldSpec, RowActions, WriteForm } from "./fields.tsx";
import { LevelBadge, TableWrap } from "./ui.tsx";

const LEVELS = [["low", "Low"], ["medium", "Medium"], ["high", "High"]] as const;

const RISK_FIELDS: readonly FieldSpec[] = [
  { name: "title", label: "Risk", required: true, wide: true, maxLength: 200 },
  { name: "impact", label: "Impact", kind: "select", options: LEVELS },
  { name: "probability", label: "Probability", kind: "select", options: LEVELS },
  { name: "mitigation", label: "Mitigation", wide: true, maxLength: 1000 },
  { name: "owner", label: "Owner", maxLength: 120 },
];

/**
 * The `#risks` section.
 *
 * @example
 * ```tsx
 * <RisksSection risks={dashboard.risks} ctx={ctx} />
 * ```
 */
export function RisksSection(props: { risks: Risk[]; ctx: EditContext }) {
  const { ctx, risks } = props;
  return (
    <section id="risks" class="card section" aria-labelledby="risks-title">
      <h2 id="risks-title">Risk register</h2>
      <Editable
        ctx={ctx}
        id="risks"
        label="Risk register"
        failed={failedIn(ctx, ["risk"])}
        editor={() => (
          <>
            {risks.map((risk, i) => (
              <RiskEditor
                key={risk.id}
                risk={risk}
                ctx={ctx}
                first={i === 0}
                last={i === risks.length - 1}
              />
            ))}
            <AddRisk ctx={ctx} />
          </>
        )}
      >
        {risks.length === 0 ? <p class="muted">No risks recorded.</p> : <RiskTable risks={risks} />}
      </Editable>
    </section>
  );
}

function RiskTable(props: { risks: Risk[] }) {
  return (
    <TableWrap label="Risk register">
      <table class="table table--stack">
        <thead>
          <tr>
            <th scope="col">Risk</th>
            <th scope="col">Impact</th>
            <th scope="col">Probability</th>
            <th scope="col">Mitigation</th>
            <th scope="col">Owner</th>
          </tr>
        </thead>
        <tbody>
          {props.risks.map((risk) => (
            <tr key={risk.id} id={`risk-${risk.id}`}>
              <th scope="row">{risk.title}</th>
              <td data-label="Impact">
                <LevelBadge level={risk.impact} />
              </td>
              <td data-label="Probability">
                <LevelBadge level={risk.probability} />
              </td>
              <td data-label="Mitigation">{risk.mitigation}</td>
              <td data-label="Owner">{risk.owner}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function riskValues(risk: Risk): Record<string, string> {
  const { title, impact, probability, mitigation, owner } = risk;
  return { title, impact, probability, mitigation, owner };
}

function RiskEditor(props: { risk: Risk; ctx: EditContext; first: boolean; last: boolean }) {
  const { risk, ctx } = props;
  const { active, values, errors } = formFor(ctx, "risk", risk.id);
  const action = projectAction(ctx.projectId, "risks", risk.id);
  return (
    <fieldset class="editor">
      <legend>{risk.title}</legend>
      <WriteForm
        action={action}
        id={`risk-${risk.id}`}
        fields={RISK_FIELDS}
        values={active ? values : riskValues(risk)}
        errors={errors}
        submitted={active}
        submit="Save risk"
      />
      <RowActions action={action} target={risk.title} first={props.first} last={props.last} />
    </fieldset>
  );
}

function AddRisk(props: { ctx: EditContext }) {
  const { active, values, errors } = formFor(props.ctx, "risk");
  return (
    <div class="editor">
      <h3 id="add-risk-title">Add risk</h3>
      <WriteForm
        action={projectAction(props.ctx.projectId, "risks")}
        id="risk-new"
        fields={RISK_FIELDS}
        values={active ? values : { impact: "medium", probability: "medium" }}
        errors={errors}
        submitted={active}
        submit="Add risk"
        labelledBy="add-risk-title"
      />
    </div>
  );
}
