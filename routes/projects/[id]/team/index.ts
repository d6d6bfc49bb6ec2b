/**
 * `POST /projects/:id/team` (`member`, `status`, `status_label`, `current_task`, `progress`): adds a row to the team table.
 *
 * @module
 */
import { addTeamRow } from "../../../../lib/db/team.ts";
import { formWrite } from "../_form_write.ts";
import { teamRowForm, teamRowInput } from "./_form.ts";

/** The new-row handler. */
export const handler = formWrite({
  schema: teamRowForm,
  form: () => ({ form: "team" }),
  what: "Project",
  write: ({ db, scope, data }) => addTeamRow(db, scope, teamRowInput(data)),
  anchor: () => "team",
});
