/**
 * `POST /projects/:id/phases/:phaseId` (`title`, `timeframe`): renames a phase.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import { updatePhase } from "../../../../lib/db/phases.ts";
import { formWrite } from "../_form_write.ts";

const schema = z.object({
  title: textField({ label: "the phase's title", min: 1, max: 200 }),
  timeframe: textField({ label: "the timeframe", max: 120 }),
});

/** The phase edit handler. */
export const handler = formWrite({
  schema,
  params: { phaseId: "Phase" },
  form: (ids) => ({ form: "phase", id: ids.phaseId }),
  what: "Phase",
  write: ({ db, scope, data, ids }) =>
    updatePhase(db, scope, ids.phaseId, { name: data.title, timeframe: data.timeframe }),
  anchor: (_, ids) => `phase-${ids.phaseId}`,
});
