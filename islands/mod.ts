/**
 * Every island of the app. Importing this module registers them all, so the server needs one
 * line: `import "./islands/mod.ts";`. Each file in this folder (but this one, tests and
 * `_`-prefixed helpers) is an island module and must be listed in {@linkcode islandModules};
 * `mod_test.ts` checks that.
 *
 * @example
 * ```ts
 * import { islandModules } from "./mod.ts";
 * import { findIsland } from "../lib/islands/mod.ts";
 * console.log(findIsland(islandModules.TaskStatus.TaskStatus)?.name); // "TaskStatus"
 * ```
 *
 * @module
 */
import { registerIslandModule } from "../lib/islands/mod.ts";
import * as ActiveBlockers from "./ActiveBlockers.tsx";
import * as CacheCharts from "./CacheCharts.tsx";
import * as CommunicationLog from "./CommunicationLog.tsx";
import * as DashboardSummary from "./DashboardSummary.tsx";
import * as KeyAccomplishments from "./KeyAccomplishments.tsx";
import * as KeyMetrics from "./KeyMetrics.tsx";
import * as LiveIndicator from "./LiveIndicator.tsx";
import * as MilestoneBoard from "./MilestoneBoard.tsx";
import * as NextActions from "./NextActions.tsx";
import * as PhaseList from "./PhaseList.tsx";
import * as ProjectFooter from "./ProjectFooter.tsx";
import * as ProjectHeader from "./ProjectHeader.tsx";
import * as RiskRegister from "./RiskRegister.tsx";
import * as TaskStatus from "./TaskStatus.tsx";
import * as TeamTable from "./TeamTable.tsx";

/** Island modules by chunk name: the base name of their file. */
export const islandModules = {
  ActiveBlockers,
  CacheCharts,
  CommunicationLog,
  DashboardSummary,
  KeyAccomplishments,
  KeyMetrics,
  LiveIndicator,
  MilestoneBoard,
  NextActions,
  PhaseList,
  ProjectFooter,
  ProjectHeader,
  RiskRegister,
  TaskStatus,
  TeamTable,
};

for (const [chunk, module] of Object.entries(islandModules)) {
  registerIslandModule(chunk, module as Record<string, unknown>);
}
