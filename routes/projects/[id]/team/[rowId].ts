/**
 * `POST /projects/:id/team/:rowId` (`member`, `status`, `status_label`, `current_task`, `progress`): changes a row of the team table.
 *
 * @module
 */
import { updateTeamRow } from "../../../../lib/db/team.ts";
import { formWrite } from "../_form_write.ts";
import { teamRowForm, teamRowInput } from "./_form.ts";

/** The row edit handler. */
export const handler = formWrite({
  schema: teamRowForm,
  params: { rowId: "Team member" },
  form: (ids) => ({ form: "team", id: ids.rowId }),
  what: "Team member",
  write: ({ db, scope, data, ids }) => updateTeamRow(db, scope, ids.rowId, teamRowInput(data)),
  anchor: () => "team",
});
