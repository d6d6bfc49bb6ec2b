/**
 * `POST /projects/:id/milestones/:itemId/delete`: removes a milestone item.
 *
 * @module
 */
import { deleteMilestoneItem } from "../../../../../lib/db/milestones.ts";
import { deleteWrite } from "../../_form_write.ts";

/** The item delete handler. */
export const handler = deleteWrite(
  { itemId: "Milestone item" },
  "Milestone item",
  deleteMilestoneItem,
  () => "milestones",
);
