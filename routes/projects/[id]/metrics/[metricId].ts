/**
 * `POST /projects/:id/metrics/:metricId` (`current`): updates a metric's current value.
 *
 * @module
 */
import { z } from "zod";
import type { Handlers } from "../../../../lib/app/deps.ts";
import { uuidParam } from "../../../../lib/http/errors.ts";
import { formFields } from "../../../../lib/http/form.ts";
import { textField } from "../../../../lib/http/text.ts";
import { updateMetricCurrent } from "../../../../lib/db/metrics.ts";
import { fieldErrors, invalid, writeProject, writeScope, written } from "../_write.tsx";

const metricForm = z.object({
  current: textField({ label: "the current value", min: 1, max: 40 }),
});

/** The metric handler. */
export const handler: Handlers = {
  async POST(c) {
    const { ctx, scope } = await writeScope(c);
    const metricId = uuidParam(c.req.param("metricId"), "Metric");
    const fields = await formFields(c);
    const parsed = metricForm.safeParse(fields);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return invalid(c, ctx, { form: "metric", id: metricId, values: fields, errors });
    }
    const { db } = c.var.deps;
    const metric = await writeProject(
      c,
      scope,
      "Metric",
      () => updateMetricCurrent(db, scope, metricId, parsed.data.current),
    );
    return written(c, scope, "metrics", { metric });
  },
};
