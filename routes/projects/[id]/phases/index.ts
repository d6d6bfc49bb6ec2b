/**
 * `POST /projects/:id/phases` (`title`, `timeframe`): adds a phase at the end of the plan.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";
import { addPhase } from "../../../../lib/db/phases.ts";
import { formWrite } from "../_form_write.ts";

const schema = z.object({
  title: textField({ label: "the phase's title", min: 1, max: 200 }),
  timeframe: textField({ label: "the timeframe", max: 120 }),
});

/** The new-phase handler. */
export const handler = formWrite({
  schema,
  form: () => ({ form: "phase" }),
  what: "Project",
  write: ({ db, scope, data }) =>
    addPhase(db, scope, { name: data.title, timeframe: data.timeframe }),
  anchor: (phase) => `phase-${phase.id}`,
});
