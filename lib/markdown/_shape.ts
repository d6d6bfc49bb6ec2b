/**
 * The fixed words of the format: section headings, table columns, footer labels, and the
 * texts that stand for empty lists. Reading and writing share them.
 *
 * @module
 */
import type { Footer, SectionKey } from "./document.ts";

/** The heading of each known `## ` section. */
export const SECTION_HEADINGS: Readonly<Record<Exclude<SectionKey, "header">, string>> = {
  summary: "Executive Summary",
  phases: "Phase Progress",
  team: "Agent Assignment Status",
  metrics: "Key Metrics Tracking",
  blockers: "Current Blockers & Risks",
  milestones: "Weekly Milestones",
  log: "Communication Log",
  accomplishments: "Key Accomplishments Today",
  nextActions: "Next Actions",
};

/** The columns of each table, as written. */
export const COLUMNS = {
  summary: ["Metric", "Target", "Current", "Status"],
  team: ["Agent", "Status", "Current Task", "Progress"],
  performance: ["Metric", "Baseline", "Current", "Target", "Progress"],
  quality: ["Metric", "Current", "Target", "Status"],
  risks: ["Risk", "Impact", "Probability", "Mitigation", "Owner"],
} as const;

/** The label of each footer field, in the order they are written. */
export const FOOTER_LABELS: Readonly<Record<keyof Footer, string>> = {
  owner: "Dashboard Owner",
  updateFrequency: "Update Frequency",
  reviewCycle: "Review Cycle",
};

/** The paragraph that stands for an empty list of active blockers. */
export const NO_BLOCKERS = "None currently identified.";

/** The one subsection of "## Key Accomplishments Today". */
export const DELIVERABLES_HEADING = "✅ Completed Deliverables";

/**
 * The optional subsection of "## Current Blockers & Risks" listing resolved blockers.
 *
 * @example
 * ```ts
 * import { RESOLVED_BLOCKERS_HEADING } from "./_shape.ts";
 * console.log(`### ${RESOLVED_BLOCKERS_HEADING}`);
 * ```
 */
export const RESOLVED_BLOCKERS_HEADING = "Resolved Blockers";

/**
 * The label of the header's description line: `**Description**: …`.
 *
 * @example
 * ```ts
 * import { DESCRIPTION_LABEL } from "./_shape.ts";
 * console.log(`**${DESCRIPTION_LABEL}**: Six weeks to a faster app`);
 * ```
 */
export const DESCRIPTION_LABEL = "Description";
