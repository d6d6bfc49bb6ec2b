/**
 * `POST /projects/:id/weeks/:weekId/delete`: removes a week and its items.
 *
 * @module
 */
import { deleteMilestone } from "../../../../../lib/db/milestones.ts";
import { deleteWrite } from "../../_form_write.ts";

/** The week delete handler. */
export const handler = deleteWrite({ weekId: "Week" }, "Week", deleteMilestone, () => "milestones");
