/**
 * One phase of the plan, live: its status, progress bar and task list.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard, useStableComputed } from "../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./_dashboard/live.ts";
import { PhaseBlock, phaseProgress } from "./_dashboard/phases.tsx";

/** Props of {@linkcode PhaseCard}. */
export interface PhaseCardProps extends DashboardIslandProps {
  /** The phase shown. */
  phaseId: string;
  /** Its place in the plan, for a name without a number ("Phase 2: …"). */
  index: number;
}

/**
 * A phase's card. Each phase is an island of its own: a task changed in one phase renders
 * that phase's card again and no other. Its progress (done counts, status) is a computed
 * signal of the phase.
 *
 * @param props The live handle, edit context and the phase.
 * @returns The card, or nothing once the phase is gone.
 *
 * @example
 * ```tsx ignore
 * <PhaseCard live={live} edit={edit} phaseId={phase.id} index={0} />
 * ```
 */
export function PhaseCard(props: PhaseCardProps): JSX.Element | null {
  countRender("PhaseCard");
  const { sections, path } = useLiveDashboard(props.live);
  const phase = useStableComputed(() =>
    sections.phases.value.find((candidate) => candidate.id === props.phaseId)
  );
  const progress = useStableComputed(() => phase.value && phaseProgress(phase.value));
  if (!phase.value || !progress.value) return null;
  return (
    <PhaseBlock
      phase={phase.value}
      progress={progress.value}
      index={props.index}
      ctx={props.edit}
      resource={path}
    />
  );
}
