/**
 * `POST /projects/:id/phases/:phaseId/delete`: removes a phase and its tasks.
 *
 * @module
 */
import { deletePhase } from "../../../../../lib/db/phases.ts";
import { deleteWrite } from "../../_form_write.ts";

/** The phase delete handler. */
export const handler = deleteWrite({ phaseId: "Phase" }, "Phase", deletePhase, () => "phases");
