/**
 * Small presentational pieces shared by the pages. They live with the dashboard islands, in
 * `islands/_dashboard/ui.tsx`, so that the islands' build id changes when they do; this module
 * re-exports them for the server-only pages.
 *
 * @module
 */
export {
  fieldAria,
  FieldError,
  FormAlert,
  LevelBadge,
  ProgressBar,
  StatusDot,
  TableWrap,
} from "../../islands/_dashboard/ui.tsx";
