/**
 * `POST /projects/:id/accomplishments/:itemId/move` (`direction`): reorders the key accomplishments.
 *
 * @module
 */
import { moveAccomplishment } from "../../../../../lib/db/accomplishments.ts";
import { moveWrite } from "../../_form_write.ts";

/** The deliverable move handler. */
export const handler = moveWrite(
  { itemId: "Accomplishment" },
  "Accomplishment",
  moveAccomplishment,
  () => "accomplishments",
);
