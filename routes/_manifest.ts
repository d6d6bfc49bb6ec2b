/**
 * Every route, by URL pattern. Routes mirror URLs, Fresh-style: `/projects/:id` lives in
 * `routes/projects/[id].tsx`, `/` in `routes/index.tsx`; files starting with `_` are not
 * routes. `tests/architecture_test.ts` checks that this list and the files agree.
 *
 * @module
 */
import type { Handlers } from "../lib/app/deps.ts";
import * as index from "./index.tsx";
import * as adminCache from "./admin/cache.tsx";
import * as adminCacheSeries from "./admin/cache/series.ts";
import * as adminFlags from "./admin/flags.tsx";
import * as adminFlagsKey from "./admin/flags/[key].ts";
import * as adminFlagsKeyReset from "./admin/flags/[key]/reset.ts";
import * as apiBatch from "./api/batch.ts";
import * as apiContext from "./api/context.ts";
import * as apiProjectsId from "./api/projects/[id].ts";
import * as healthz from "./healthz.ts";
import * as inviteToken from "./invite/[token].tsx";
import * as login from "./login.tsx";
import * as logout from "./logout.ts";
import * as membersIndex from "./members/index.tsx";
import * as membersUserId from "./members/[userId].ts";
import * as membersUserIdDelete from "./members/[userId]/delete.ts";
import * as metrics from "./metrics.ts";
import * as projectsIndex from "./projects/index.ts";
import * as projectsId from "./projects/[id].tsx";
import * as projectsIdAccomplishmentsIndex from "./projects/[id]/accomplishments/index.ts";
import * as projectsIdAccomplishmentsItemId from "./projects/[id]/accomplishments/[itemId].ts";
import * as projectsIdAccomplishmentsItemIdDelete from "./projects/[id]/accomplishments/[itemId]/delete.ts";
import * as projectsIdAccomplishmentsItemIdMove from "./projects/[id]/accomplishments/[itemId]/move.ts";
import * as projectsIdActionsIndex from "./projects/[id]/actions/index.ts";
import * as projectsIdActionsItemId from "./projects/[id]/actions/[itemId].ts";
import * as projectsIdActionsItemIdDelete from "./projects/[id]/actions/[itemId]/delete.ts";
import * as projectsIdArchive from "./projects/[id]/archive.ts";
import * as projectsIdBlockersIndex from "./projects/[id]/blockers/index.ts";
import * as projectsIdBlockersBlockerId from "./projects/[id]/blockers/[blockerId].ts";
import * as projectsIdBlockersBlockerIdDelete from "./projects/[id]/blockers/[blockerId]/delete.ts";
import * as projectsIdExportMd from "./projects/[id]/export.md.ts";
import * as projectsIdLog from "./projects/[id]/log.ts";
import * as projectsIdMetricsIndex from "./projects/[id]/metrics/index.ts";
import * as projectsIdMetricsMetricId from "./projects/[id]/metrics/[metricId].ts";
import * as projectsIdMetricsMetricIdDelete from "./projects/[id]/metrics/[metricId]/delete.ts";
import * as projectsIdMetricsMetricIdEdit from "./projects/[id]/metrics/[metricId]/edit.ts";
import * as projectsIdMetricsMetricIdMove from "./projects/[id]/metrics/[metricId]/move.ts";
import * as projectsIdMilestonesIndex from "./projects/[id]/milestones/index.ts";
import * as projectsIdMilestonesItemId from "./projects/[id]/milestones/[itemId].ts";
import * as projectsIdMilestonesItemIdDelete from "./projects/[id]/milestones/[itemId]/delete.ts";
import * as projectsIdPhasesIndex from "./projects/[id]/phases/index.ts";
import * as projectsIdPhasesPhaseId from "./projects/[id]/phases/[phaseId].ts";
import * as projectsIdPhasesPhaseIdDelete from "./projects/[id]/phases/[phaseId]/delete.ts";
import * as projectsIdPhasesPhaseIdMove from "./projects/[id]/phases/[phaseId]/move.ts";
import * as projectsIdPhasesPhaseIdTasks from "./projects/[id]/phases/[phaseId]/tasks.ts";
import * as projectsIdRestore from "./projects/[id]/restore.ts";
import * as projectsIdRisksIndex from "./projects/[id]/risks/index.ts";
import * as projectsIdRisksRiskId from "./projects/[id]/risks/[riskId].ts";
import * as projectsIdRisksRiskIdDelete from "./projects/[id]/risks/[riskId]/delete.ts";
import * as projectsIdRisksRiskIdMove from "./projects/[id]/risks/[riskId]/move.ts";
import * as projectsIdSettings from "./projects/[id]/settings.ts";
import * as projectsIdTasksTaskId from "./projects/[id]/tasks/[taskId].ts";
import * as projectsIdTasksTaskIdDelete from "./projects/[id]/tasks/[taskId]/delete.ts";
import * as projectsIdTasksTaskIdEdit from "./projects/[id]/tasks/[taskId]/edit.ts";
import * as projectsIdTasksTaskIdMove from "./projects/[id]/tasks/[taskId]/move.ts";
import * as projectsIdTeamIndex from "./projects/[id]/team/index.ts";
import * as projectsIdTeamRowId from "./projects/[id]/team/[rowId].ts";
import * as projectsIdTeamRowIdDelete from "./projects/[id]/team/[rowId]/delete.ts";
import * as projectsIdTeamRowIdMove from "./projects/[id]/team/[rowId]/move.ts";
import * as projectsIdWeeksWeekId from "./projects/[id]/weeks/[weekId].ts";
import * as projectsIdWeeksWeekIdDelete from "./projects/[id]/weeks/[weekId]/delete.ts";
import * as projectsIdWeeksWeekIdItems from "./projects/[id]/weeks/[weekId]/items.ts";
import * as projectsImport from "./projects/import.ts";
import * as ws from "./ws.ts";

/** A route module: its handlers by method, and whatever page it renders. */
export interface RouteModule {
  handler: Handlers;
}

/** Each URL pattern and the module that answers it. */
export const ROUTES: Readonly<Record<string, RouteModule>> = {
  "/": index,
  "/admin/cache": adminCache,
  "/admin/cache/series": adminCacheSeries,
  "/admin/flags": adminFlags,
  "/admin/flags/:key": adminFlagsKey,
  "/admin/flags/:key/reset": adminFlagsKeyReset,
  "/api/batch": apiBatch,
  "/api/context": apiContext,
  "/api/projects/:id": apiProjectsId,
  "/healthz": healthz,
  "/invite/:token": inviteToken,
  "/login": login,
  "/logout": logout,
  "/members": membersIndex,
  "/members/:userId": membersUserId,
  "/members/:userId/delete": membersUserIdDelete,
  "/metrics": metrics,
  "/projects": projectsIndex,
  // Before "/projects/:id": the first route that matches answers, and "import" is no id.
  "/projects/import": projectsImport,
  "/projects/:id": projectsId,
  "/projects/:id/accomplishments": projectsIdAccomplishmentsIndex,
  "/projects/:id/accomplishments/:itemId": projectsIdAccomplishmentsItemId,
  "/projects/:id/accomplishments/:itemId/delete": projectsIdAccomplishmentsItemIdDelete,
  "/projects/:id/accomplishments/:itemId/move": projectsIdAccomplishmentsItemIdMove,
  "/projects/:id/actions": projectsIdActionsIndex,
  "/projects/:id/actions/:itemId": projectsIdActionsItemId,
  "/projects/:id/actions/:itemId/delete": projectsIdActionsItemIdDelete,
  "/projects/:id/archive": projectsIdArchive,
  "/projects/:id/blockers": projectsIdBlockersIndex,
  "/projects/:id/blockers/:blockerId": projectsIdBlockersBlockerId,
  "/projects/:id/blockers/:blockerId/delete": projectsIdBlockersBlockerIdDelete,
  "/projects/:id/export.md": projectsIdExportMd,
  "/projects/:id/log": projectsIdLog,
  "/projects/:id/metrics": projectsIdMetricsIndex,
  "/projects/:id/metrics/:metricId": projectsIdMetricsMetricId,
  "/projects/:id/metrics/:metricId/delete": projectsIdMetricsMetricIdDelete,
  "/projects/:id/metrics/:metricId/edit": projectsIdMetricsMetricIdEdit,
  "/projects/:id/metrics/:metricId/move": projectsIdMetricsMetricIdMove,
  "/projects/:id/milestones": projectsIdMilestonesIndex,
  "/projects/:id/milestones/:itemId": projectsIdMilestonesItemId,
  "/projects/:id/milestones/:itemId/delete": projectsIdMilestonesItemIdDelete,
  "/projects/:id/phases": projectsIdPhasesIndex,
  "/projects/:id/phases/:phaseId": projectsIdPhasesPhaseId,
  "/projects/:id/phases/:phaseId/delete": projectsIdPhasesPhaseIdDelete,
  "/projects/:id/phases/:phaseId/move": projectsIdPhasesPhaseIdMove,
  "/projects/:id/phases/:phaseId/tasks": projectsIdPhasesPhaseIdTasks,
  "/projects/:id/restore": projectsIdRestore,
  "/projects/:id/risks": projectsIdRisksIndex,
  "/projects/:id/risks/:riskId": projectsIdRisksRiskId,
  "/projects/:id/risks/:riskId/delete": projectsIdRisksRiskIdDelete,
  "/projects/:id/risks/:riskId/move": projectsIdRisksRiskIdMove,
  "/projects/:id/settings": projectsIdSettings,
  "/projects/:id/tasks/:taskId": projectsIdTasksTaskId,
  "/projects/:id/tasks/:taskId/delete": projectsIdTasksTaskIdDelete,
  "/projects/:id/tasks/:taskId/edit": projectsIdTasksTaskIdEdit,
  "/projects/:id/tasks/:taskId/move": projectsIdTasksTaskIdMove,
  "/projects/:id/team": projectsIdTeamIndex,
  "/projects/:id/team/:rowId": projectsIdTeamRowId,
  "/projects/:id/team/:rowId/delete": projectsIdTeamRowIdDelete,
  "/projects/:id/team/:rowId/move": projectsIdTeamRowIdMove,
  "/projects/:id/weeks/:weekId": projectsIdWeeksWeekId,
  "/projects/:id/weeks/:weekId/delete": projectsIdWeeksWeekIdDelete,
  "/projects/:id/weeks/:weekId/items": projectsIdWeeksWeekIdItems,
  "/ws": ws,
};
