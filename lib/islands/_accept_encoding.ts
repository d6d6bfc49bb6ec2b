/**
 * The coding a build file is sent in, by the request's `Accept-Encoding` q-values: the
 * islands runtime stands alone, so it reads the field itself (br before gzip on a tie,
 * identity when neither is acceptable).
 *
 * @module
 */
import type { BuildCoding } from "./_build_files.ts";

/** The acceptable coding among `available` with the highest q-value, or identity. */
export function pickCoding(
  header: string | null,
  available: readonly BuildCoding[],
): BuildCoding | "identity" {
  if (!header || available.length === 0) return "identity";
  let best: BuildCoding | "identity" = "identity";
  let bestQ = 0;
  const q: Record<string, number> = {};
  for (const member of header.split(",")) {
    const [name, ...params] = member.split(";");
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = weight === undefined ? 1 : Number(weight.slice(2));
    q[name.trim().toLowerCase()] = Number.isFinite(value) ? value : 0;
  }
  for (const coding of ["br", "gzip"] as const) {
    if (!available.includes(coding)) continue;
    const weight = q[coding] ?? (coding === "gzip" ? q["x-gzip"] : undefined) ?? q["*"] ?? 0;
    if (weight > bestQ) {
      best = coding;
      bestQ = weight;
    }
  }
  return best;
}
