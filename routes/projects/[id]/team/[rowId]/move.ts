/**
 * `POST /projects/:id/team/:rowId/move` (`direction`): reorders the team table.
 *
 * @module
 */
import { moveTeamRow } from "../../../../../lib/db/team.ts";
import { moveWrite } from "../../_form_write.ts";

/** The row move handler. */
export const handler = moveWrite(
  { rowId: "Team member" },
  "Team member",
  moveTeamRow,
  () => "team",
);
