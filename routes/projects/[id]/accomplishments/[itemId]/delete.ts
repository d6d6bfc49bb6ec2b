/**
 * `POST /projects/:id/accomplishments/:itemId/delete`: removes a key accomplishment.
 *
 * @module
 */
import { deleteAccomplishment } from "../../../../../lib/db/accomplishments.ts";
import { deleteWrite } from "../../_form_write.ts";

/** The deliverable delete handler. */
export const handler = deleteWrite(
  { itemId: "Accomplishment" },
  "Accomplishment",
  deleteAccomplishment,
  () => "accomplishments",
);
