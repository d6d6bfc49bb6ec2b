/**
 * The props every dashboard island takes.
 *
 * @module
 */
import type { LiveDashboardHandle } from "../../lib/store/dashboard.ts";
import type { EditContext } from "./edit.ts";

/** Props of a dashboard section island. */
export interface DashboardIslandProps {
  /** The dashboard's live handle, the same object for every island of the page. */
  live: LiveDashboardHandle;
  /** Whether the viewer may write, and a form to show again after failed validation. */
  edit: EditContext;
}
