/**
 * Phase progress helpers, re-exported from `islands/_dashboard/phases.tsx` (each phase is a
 * `PhaseCard` island).
 *
 * @module
 */
export { phaseStatus } from "../../islands/_dashboard/phases.tsx";
