/**
 * The `#phases` section: a frame the server renders once, holding one `PhaseCard` island per
 * phase, so a task change renders only its own phase again.
 *
 * @module
 */
import type { Phase } from "../../lib/model/types.ts";
import type { LiveDashboardHandle } from "../../lib/store/dashboard.ts";
import type { EditContext } from "../../islands/_dashboard/edit.ts";
import { PhaseCard } from "../../islands/PhaseCard.tsx";

export { phaseStatus } from "../../islands/_dashboard/phases.tsx";

/**
 * The `#phases` section.
 *
 * @example
 * ```tsx
 * <PhasesSection phases={dashboard.phases} live={live} ctx={ctx} />
 * ```
 */
export function PhasesSection(
  props: { phases: Phase[]; live: LiveDashboardHandle; ctx: EditContext },
) {
  return (
    <section id="phases" class="card section" aria-labelledby="phases-title">
      <h2 id="phases-title">Phase progress</h2>
      {props.phases.length === 0 && <p class="muted">No phases planned yet.</p>}
      <div class="phase-list">
        {props.phases.map((phase, index) => (
          <PhaseCard
            key={phase.id}
            live={props.live}
            edit={props.ctx}
            phaseId={phase.id}
            index={index}
          />
        ))}
      </div>
    </section>
  );
}
