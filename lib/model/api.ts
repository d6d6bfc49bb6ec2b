/**
 * The JSON API as the page's store speaks it: the paths of the resources it holds and the
 * batch's limit.
 *
 * @module
 */

/** The API path of the request context. */
export const CONTEXT_PATH = "/api/context";

/** The API path of the tenant's project list, the home page's cards. */
export const PROJECT_LIST_PATH = "/api/projects";

/** The API path of the tenant's people, the People page's list (owners only). */
export const MEMBERS_PATH = "/api/members";

/** The most resources one `POST /api/batch` may name. */
export const MAX_BATCH = 50;

/**
 * The API path of a project's dashboard.
 *
 * @example
 * ```ts
 * import { dashboardPath } from "./api.ts";
 * console.log(dashboardPath("p1")); // "/api/projects/p1"
 * ```
 */
export function dashboardPath(projectId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}`;
}
