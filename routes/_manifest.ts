/**
 * Every route, by URL pattern. Routes mirror URLs, Fresh-style: `/projects/:id` lives in
 * `routes/projects/[id].tsx`, `/` in `routes/index.tsx`; files starting with `_` are not
 * routes. `tests/architecture_test.ts` checks that this list and the files agree.
 *
 * @module
 */
import type { Handlers } from "../lib/app/deps.ts";
import * as index from "./index.tsx";
import * as login from "./login.tsx";
import * as logout from "./logout.ts";
import * as project from "./projects/[id].tsx";
import * as projectLog from "./projects/[id]/log.ts";
import * as projectMetric from "./projects/[id]/metrics/[metricId].ts";
import * as projectRisks from "./projects/[id]/risks/index.ts";
import * as projectRisk from "./projects/[id]/risks/[riskId].ts";
import * as projectTask from "./projects/[id]/tasks/[taskId].ts";
import * as apiBatch from "./api/batch.ts";
import * as apiContext from "./api/context.ts";
import * as apiProject from "./api/projects/[id].ts";
import * as ws from "./ws.ts";
import * as metrics from "./metrics.ts";
import * as healthz from "./healthz.ts";
import * as adminCache from "./admin/cache.tsx";
import * as adminCacheSeries from "./admin/cache/series.ts";
import * as adminFlags from "./admin/flags.tsx";
import * as adminFlag from "./admin/flags/[key].ts";
import * as adminFlagReset from "./admin/flags/[key]/reset.ts";

/** A route module: its handlers by method, and whatever page it renders. */
export interface RouteModule {
  handler: Handlers;
}

/** Each URL pattern and the module that answers it. */
export const ROUTES: Readonly<Record<string, RouteModule>> = {
  "/": index,
  "/login": login,
  "/logout": logout,
  "/projects/:id": project,
  "/projects/:id/log": projectLog,
  "/projects/:id/metrics/:metricId": projectMetric,
  "/projects/:id/risks": projectRisks,
  "/projects/:id/risks/:riskId": projectRisk,
  "/projects/:id/tasks/:taskId": projectTask,
  "/api/batch": apiBatch,
  "/api/context": apiContext,
  "/api/projects/:id": apiProject,
  "/ws": ws,
  "/metrics": metrics,
  "/healthz": healthz,
  "/admin/cache": adminCache,
  "/admin/cache/series": adminCacheSeries,
  "/admin/flags": adminFlags,
  "/admin/flags/:key": adminFlag,
  "/admin/flags/:key/reset": adminFlagReset,
};
