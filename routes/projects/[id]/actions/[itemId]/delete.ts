/**
 * `POST /projects/:id/actions/:itemId/delete`: removes a next action.
 *
 * @module
 */
import { deleteNextAction } from "../../../../../lib/db/next_actions.ts";
import { deleteWrite } from "../../_form_write.ts";

/** The action delete handler. */
export const handler = deleteWrite(
  { itemId: "Action" },
  "Action",
  deleteNextAction,
  () => "actions",
);
