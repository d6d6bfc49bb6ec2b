/**
 * `POST /projects/:id/blockers/:blockerId` (`resolved`: `true` or `false`): resolves or reopens a blocker.
 *
 * @module
 */
import { z } from "zod";
import { setBlockerResolved } from "../../../../lib/db/blockers.ts";
import { booleanField, formWrite } from "../_form_write.ts";

const schema = z.object({ resolved: booleanField });

/** The resolve handler. */
export const handler = formWrite({
  schema,
  params: { blockerId: "Blocker" },
  form: (ids) => ({ form: "blocker", id: ids.blockerId }),
  what: "Blocker",
  write: ({ db, scope, data, ids }) => setBlockerResolved(db, scope, ids.blockerId, data.resolved),
  anchor: () => "blockers",
});
