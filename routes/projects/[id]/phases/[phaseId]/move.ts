/**
 * `POST /projects/:id/phases/:phaseId/move` (`direction`: `up` or `down`): reorders the plan.
 *
 * @module
 */
import { movePhase } from "../../../../../lib/db/phases.ts";
import { moveWrite } from "../../_form_write.ts";

/** The phase move handler. */
export const handler = moveWrite(
  { phaseId: "Phase" },
  "Phase",
  movePhase,
  (ids) => `phase-${ids.phaseId}`,
);
