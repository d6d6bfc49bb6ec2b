/**
 * The risk form, shared by adding and editing a risk.
 *
 * @module
 */
import { z } from "zod";

const level = z.enum(["low", "medium", "high"], "Choose low, medium or high");

/** A risk's fields. */
export const riskForm = z.object({
  title: z.string().trim().min(1, "Name the risk").max(200, "Keep it under 200 characters"),
  impact: level,
  probability: level,
  mitigation: z.string().trim().max(1000, "Keep it under 1,000 characters"),
  owner: z.string().trim().max(120, "Keep it under 120 characters"),
});
