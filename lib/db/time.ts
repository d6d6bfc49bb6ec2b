/** Converts a timestamp from either driver (Date or text) to an ISO 8601 string. */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}
