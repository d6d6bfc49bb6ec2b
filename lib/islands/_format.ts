/**
 * The wire format of the island state script, shared by the server's serialiser and the
 * browser's reviver.
 *
 * A value that JSON cannot say is written as a tagged object `{ "$beacon": kind, ... }`:
 * `signal` (`id` indexes the state's `signals` table, so one signal used twice stays one),
 * `date` (`value` is ISO 8601), `undefined`, `number` (`value` is `"NaN"`, `"Infinity"` or
 * `"-Infinity"`), and `object` (`value` is a plain object that itself has a `$beacon` key,
 * so user data can never be mistaken for a tag).
 *
 * @module
 */

/** The key that marks a tagged value. */
export const TAG = "$beacon";

/** The id of the JSON script holding the page's island state. */
export const STATE_ELEMENT_ID = "__BEACON_STATE__";

/** The prefix of an island's opening comment marker: `beacon-island:Name:0`. */
export const MARKER_START = "beacon-island:";

/** The prefix of an island's closing comment marker: `/beacon-island:0`. */
export const MARKER_END = "/beacon-island:";

/** The island state as it travels in the page. */
export interface IslandStateJson {
  /** Encoded values of every signal reachable from the props, indexed by reference id. */
  signals: unknown[];
  /** Encoded props of each island, indexed by its marker index. */
  islands: unknown[];
  /** Encoded plain objects and arrays reached more than once, indexed by reference id. */
  shared?: unknown[];
}
