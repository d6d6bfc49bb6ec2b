/**
 * The plan, live: one card per phase, in order, and the form that adds a phase.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard, useStableComputed } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { failedIn } from "./_dashboard/edit.ts";
import { Editable } from "./_dashboard/fields.tsx";
import { PhaseCard } from "./_dashboard/phase_card.tsx";
import { AddPhase } from "./_dashboard/phases.tsx";

/**
 * The `#phases` section. It renders again only when phases are added, removed or reordered;
 * each card follows its own phase, so a task change renders only its phase's card.
 *
 * @param props The live handle and edit context.
 * @returns The section.
 *
 * @example
 * ```tsx ignore
 * <PhaseList live={live} edit={edit} />
 * ```
 */
export function PhaseList(props: DashboardIslandProps): JSX.Element {
  countRender("PhaseList");
  const { sections } = useLiveDashboard(props.live);
  const ids = useStableComputed(() => sections.phases.value.map((phase) => phase.id));
  const { edit } = props;
  const list = ids.value;
  return (
    <section id="phases" class="card section" aria-labelledby="phases-title">
      <h2 id="phases-title">Phase progress</h2>
      <Editable
        ctx={edit}
        id="phases"
        label="Add a phase"
        failed={failedIn(edit, ["phase"]) && !edit.form?.id}
        editor={() => <AddPhase ctx={edit} />}
      >
        {null}
      </Editable>
      <div class="phase-list">
        {list.length === 0 && <p class="muted">No phases planned yet.</p>}
        {list.map((id, index) => (
          <PhaseCard
            key={id}
            live={props.live}
            edit={edit}
            phaseId={id}
            index={index}
            first={index === 0}
            last={index === list.length - 1}
          />
        ))}
      </div>
    </section>
  );
}
