/**
 * `POST /projects/:id/risks/:riskId/move` (`direction`): reorders the risk register.
 *
 * @module
 */
import { moveRisk } from "../../../../../lib/db/risks.ts";
import { moveWrite } from "../../_form_write.ts";

/** The risk move handler. */
export const handler = moveWrite({ riskId: "Risk" }, "Risk", moveRisk, () => "risks");
