/**
 * The risk register, with forms to add and edit risks.
 *
 * @module
 */
import type { Level, Risk } from "../../lib/model/types.ts";
import { type EditContext, formFor, projectAction } from "./edit.ts";
import { fieldAria, FieldError, FormAlert, LevelBadge, TableWrap } from "./ui.tsx";

const levels: Level[] = ["low", "medium", "high"];
const riskFields = ["title", "impact", "probability", "mitigation", "owner"];

/**
 * The `#risks` section: the register and, for editors, "Add risk" and per-risk "Edit" forms.
 *
 * @example
 * ```tsx
 * <RisksSection risks={dashboard.risks} ctx={ctx} />
 * ```
 */
export function RisksSection(props: { risks: Risk[]; ctx: EditContext }) {
  const { ctx } = props;
  return (
    <section id="risks" class="card section" aria-labelledby="risks-title">
      <h2 id="risks-title">Risk register</h2>
      {props.risks.length === 0
        ? <p class="muted">No risks recorded.</p>
        : (
          <TableWrap label="Risk register">
            <table class="table table--stack">
              <thead>
                <tr>
                  <th scope="col">Risk</th>
                  <th scope="col">Impact</th>
                  <th scope="col">Probability</th>
                  <th scope="col">Mitigation</th>
                  <th scope="col">Owner</th>
                  {ctx.canEdit && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {props.risks.map((risk) => (
                  <tr key={risk.id}>
                    <th scope="row">{risk.title}</th>
                    <td data-label="Impact">
                      <LevelBadge level={risk.impact} />
                    </td>
                    <td data-label="Probability">
                      <LevelBadge level={risk.probability} />
                    </td>
                    <td data-label="Mitigation">{risk.mitigation}</td>
                    <td data-label="Owner">{risk.owner}</td>
                    {ctx.canEdit && (
                      <td class="cell-actions">
                        <EditRisk risk={risk} ctx={ctx} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      {ctx.canEdit && <AddRisk ctx={ctx} />}
    </section>
  );
}

function EditRisk(props: { risk: Risk; ctx: EditContext }) {
  const { active, values, errors } = formFor(props.ctx, "risk", props.risk.id);
  return (
    <details class="edit" open={active}>
      <summary>
        Edit<span class="visually-hidden">: {props.risk.title}</span>
      </summary>
      <RiskForm
        action={projectAction(props.ctx.projectId, "risks", props.risk.id)}
        prefix={`risk-${props.risk.id}`}
        values={{ ...riskValues(props.risk), ...values }}
        errors={errors}
        submitted={active}
        submit="Save risk"
      />
    </details>
  );
}

function AddRisk(props: { ctx: EditContext }) {
  const { active, values, errors } = formFor(props.ctx, "risk");
  return (
    <div class="add-risk">
      <h3 id="add-risk-title">Add risk</h3>
      <RiskForm
        action={projectAction(props.ctx.projectId, "risks")}
        prefix="risk-new"
        values={{ impact: "medium", probability: "medium", ...values }}
        errors={errors}
        submitted={active}
        submit="Add risk"
        labelledBy="add-risk-title"
      />
    </div>
  );
}

function riskValues(risk: Risk): Record<string, string> {
  const { title, impact, probability, mitigation, owner } = risk;
  return { title, impact, probability, mitigation, owner };
}

interface RiskFormProps {
  action: string;
  prefix: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  /** This is the form that failed: its fields hold the submitted values. */
  submitted: boolean;
  submit: string;
  labelledBy?: string;
}

function RiskForm(props: RiskFormProps) {
  const { prefix, values, errors } = props;
  return (
    <form
      data-submitted={props.submitted ? "" : undefined}
      method="post"
      action={props.action}
      class="form-grid"
      aria-labelledby={props.labelledBy}
    >
      <FormAlert errors={errors} fields={riskFields} />
      <TextField prefix={prefix} name="title" label="Risk" values={values} errors={errors} />
      <LevelField prefix={prefix} name="impact" label="Impact" values={values} errors={errors} />
      <LevelField
        prefix={prefix}
        name="probability"
        label="Probability"
        values={values}
        errors={errors}
      />
      <TextField
        prefix={prefix}
        name="mitigation"
        label="Mitigation"
        values={values}
        errors={errors}
      />
      <TextField prefix={prefix} name="owner" label="Owner" values={values} errors={errors} />
      <div class="form-grid__actions">
        <button type="submit" class="button button--primary">{props.submit}</button>
      </div>
    </form>
  );
}

interface FieldProps {
  prefix: string;
  name: string;
  label: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

function TextField(props: FieldProps) {
  const id = `${props.prefix}-${props.name}`;
  const error = props.errors[props.name];
  return (
    <div
      class={props.name === "title" || props.name === "mitigation" ? "field field--wide" : "field"}
    >
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type="text"
        maxLength={500}
        required={props.name === "title"}
        value={props.values[props.name] ?? ""}
        {...fieldAria(id, error)}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function LevelField(props: FieldProps) {
  const id = `${props.prefix}-${props.name}`;
  const error = props.errors[props.name];
  const selected = props.values[props.name] ?? "medium";
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} required {...fieldAria(id, error)}>
        {levels.map((level) => (
          <option key={level} value={level} selected={level === selected}>
            {level.charAt(0).toUpperCase() + level.slice(1)}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
