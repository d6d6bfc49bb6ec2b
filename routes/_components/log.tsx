/**
 * The communication log's helpers, re-exported from `islands/_dashboard/log.tsx` (the log is
 * the `CommunicationLog` island).
 *
 * @module
 */
export { groupByDay } from "../../islands/_dashboard/log.tsx";
