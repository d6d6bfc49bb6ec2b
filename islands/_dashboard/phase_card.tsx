/**
 * One phase of the plan, live: its status, progress bar and task list.
 *
 * @module
 */
import type { JSX } from "preact";
import { countRender, useLiveDashboard, useStableComputed } from "../../lib/store/hooks.ts";
import type { DashboardIslandProps } from "./live.ts";
import { PhaseBlock } from "./phases.tsx";

/** Props of {@linkcode PhaseCard}. */
export interface PhaseCardProps extends DashboardIslandProps {
  /** The phase shown. */
  phaseId: string;
  /** Its place in the plan, for a name without a number ("Phase 2: …"). */
  index: number;
  /** Whether it is the first and the last phase (no move up, no move down). */
  first: boolean;
  last: boolean;
}

/**
 * A phase's card. It reads its own phase from the store, so a task changed in one phase
 * renders that phase's card again and no other.
 *
 * @param props The live handle, edit context and the phase.
 * @returns The card, or nothing once the phase is gone.
 *
 * @example
 * ```tsx ignore
 * <PhaseCard live={live} edit={edit} phaseId={phase.id} index={0} first last={false} />
 * ```
 */
export function PhaseCard(props: PhaseCardProps): JSX.Element | null {
  countRender("PhaseCard");
  const { sections, path } = useLiveDashboard(props.live);
  const phase = useStableComputed(() =>
    sections.phases.value.find((candidate) => candidate.id === props.phaseId)
  );
  if (!phase.value) return null;
  return (
    <PhaseBlock
      phase={phase.value}
      index={props.index}
      ctx={props.edit}
      resource={path}
      first={props.first}
      last={props.last}
    />
  );
}
