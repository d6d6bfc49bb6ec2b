/**
 * `POST /projects/:id/blockers/:blockerId/delete`: removes a blocker.
 *
 * @module
 */
import { deleteBlocker } from "../../../../../lib/db/blockers.ts";
import { deleteWrite } from "../../_form_write.ts";

/** The blocker delete handler. */
export const handler = deleteWrite(
  { blockerId: "Blocker" },
  "Blocker",
  deleteBlocker,
  () => "blockers",
);
