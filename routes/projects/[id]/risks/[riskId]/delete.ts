/**
 * `POST /projects/:id/risks/:riskId/delete`: removes a risk.
 *
 * @module
 */
import { deleteRisk } from "../../../../../lib/db/risks.ts";
import { deleteWrite } from "../../_form_write.ts";

/** The risk delete handler. */
export const handler = deleteWrite({ riskId: "Risk" }, "Risk", deleteRisk, () => "risks");
