/**
 * `POST /projects/:id/team/:rowId/delete`: removes a row of the team table.
 *
 * @module
 */
import { deleteTeamRow } from "../../../../../lib/db/team.ts";
import { deleteWrite } from "../../_form_write.ts";

/** The row delete handler. */
export const handler = deleteWrite(
  { rowId: "Team member" },
  "Team member",
  deleteTeamRow,
  () => "team",
);
