/**
 * The risk form, shared by adding and editing a risk.
 *
 * @module
 */
import { z } from "zod";
import { textField } from "../../../../lib/http/text.ts";

const level = z.enum(["low", "medium", "high"], "Choose low, medium or high");

/** A risk's fields. */
export const riskForm = z.object({
  title: textField({ label: "the risk", min: 1, max: 200 }),
  impact: level,
  probability: level,
  mitigation: textField({ label: "the mitigation", max: 1000, multiline: true }),
  owner: textField({ label: "the owner", max: 120 }),
});
