/**
 * What a dashboard section needs to know to show (or hide) its write forms; re-exported from
 * `islands/_dashboard/edit.ts`, which the dashboard islands share.
 *
 * @module
 */
export {
  type EditContext,
  formFor,
  type FormState,
  projectAction,
} from "../../islands/_dashboard/edit.ts";
