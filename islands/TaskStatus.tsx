/**
 * The task status control. Server-rendered it is a plain form that posts and is answered with
 * a 303, so it works without JavaScript; hydrated, changing the select saves at once. Inside a
 * live dashboard (`resource` given) the change shows at once through the page's store and is
 * rolled back, with a message, when the server refuses it.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { JSX } from "preact";
import { liveDashboard } from "../lib/store/hooks.ts";

/** A task's status. */
export type TaskStatusValue = "todo" | "doing" | "done";

/** Props of {@linkcode TaskStatus}. */
export interface TaskStatusProps {
  /** The project's id. */
  projectId: string;
  /** The task's id. */
  taskId: string;
  /** The task's title, used to label the control. */
  title: string;
  /** The current status. */
  status: TaskStatusValue;
  /** Whether the viewer may change it; if not, the status is shown as text. */
  canEdit: boolean;
  /** A CSRF token, sent as the `_csrf` form field when given. */
  csrf?: string;
  /**
   * The API path of the live dashboard holding the task (`/api/projects/<id>`). When the page's
   * store holds it, the status shown is the store's (through `status`) and changes are made
   * there optimistically.
   */
  resource?: string;
}

/** The statuses in order, with their labels. */
export const TASK_STATUS_LABELS: Readonly<Record<TaskStatusValue, string>> = {
  todo: "To do",
  doing: "In progress",
  done: "Done",
};

type SaveResult = { ok: true; status: TaskStatusValue } | { ok: false; error: string };

/**
 * Shows a task's status and, for editors, lets them change it.
 *
 * Root: `.task-status` with `data-task-id` and `data-status`; inside, `.task-status-mark`
 * (✓ when done), and either `.task-status-text` or a form with `select[name=status]`, a
 * "Save" button (until hydrated), a `.task-status-saved` hint and a `[role=alert]` error.
 *
 * @param props See {@linkcode TaskStatusProps}.
 * @returns The control.
 *
 * @example
 * ```tsx
 * import { renderToString } from "preact-render-to-string";
 * import { TaskStatus } from "./TaskStatus.tsx";
 * const html = renderToString(
 *   <TaskStatus projectId="p" taskId="t" title="Ship it" status="doing" canEdit />,
 * );
 * console.log(html.includes('action="/projects/p/tasks/t"')); // true
 * ```
 */
export function TaskStatus(props: TaskStatusProps): JSX.Element {
  const { projectId, taskId, title, canEdit, csrf } = props;
  const [ownStatus, setStatus] = useState<TaskStatusValue>(props.status);
  const live = props.resource ? liveDashboard(props.resource) : undefined;
  // In a live dashboard the store owns the status; the parent passes it down.
  const status = live ? props.status : ownStatus;
  const [hydrated, setHydrated] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState("");
  const form = useRef<HTMLFormElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    // Another reader's change arrived: the select follows, even if the user had touched it.
    if (select.current && !saving && select.current.value !== status) {
      select.current.value = status;
    }
  }, [status, saving]);

  const action = `/projects/${encodeURIComponent(projectId)}/tasks/${encodeURIComponent(taskId)}`;
  const mark = (
    <span class="task-status-mark" aria-hidden="true">{status === "done" ? "✓" : null}</span>
  );
  if (!canEdit) {
    return (
      <span class="task-status" data-task-id={taskId} data-status={status}>
        {mark}
        <span class="task-status-text">{TASK_STATUS_LABELS[status]}</span>
      </span>
    );
  }

  async function onChange() {
    if (!form.current || !select.current) return;
    const previous = status;
    // Read before the select is disabled: disabled fields are left out of form data.
    const body = new FormData(form.current);
    const wanted = body.get("status");
    const change = live && typeof wanted === "string" && wanted in TASK_STATUS_LABELS
      ? live.setTaskStatus(taskId, wanted as TaskStatusValue)
      : undefined;
    setSaving(true);
    setSaved(false);
    setError("");
    let result: SaveResult;
    try {
      result = await saveTaskStatus(form.current.action, body);
    } catch {
      // The network failed: let the browser post the form the old-fashioned way.
      change?.revert();
      select.current.disabled = false;
      select.current.value = typeof wanted === "string" ? wanted : previous;
      form.current.submit();
      return;
    }
    setSaving(false);
    if (result.ok) {
      change?.commit(result.status);
      setStatus(result.status);
      setSaved(true);
    } else {
      change?.revert();
      select.current.value = previous;
      setError(result.error);
    }
  }

  return (
    <span class="task-status" data-task-id={taskId} data-status={status}>
      {mark}
      <form
        ref={form}
        class="task-status-form"
        method="post"
        action={action}
        aria-busy={saving ? "true" : undefined}
      >
        {csrf ? <input type="hidden" name="_csrf" value={csrf} /> : null}
        <select
          ref={select}
          name="status"
          aria-label={`Status of ${title}`}
          onChange={onChange}
          disabled={saving}
        >
          {(Object.keys(TASK_STATUS_LABELS) as TaskStatusValue[]).map((value) => (
            <option key={value} value={value} selected={value === status}>
              {TASK_STATUS_LABELS[value]}
            </option>
          ))}
        </select>
        {hydrated ? null : <button type="submit">Save</button>}
        {saved ? <span class="task-status-saved" role="status">saved</span> : null}
        {error ? <span class="task-status-error" role="alert">{error}</span> : null}
      </form>
    </span>
  );
}

/**
 * Posts the form with `fetch`, asking for JSON. (Not exported: island modules export only
 * components.)
 *
 * @param action The form's action URL.
 * @param body The form's data, with the chosen `status`.
 * @returns The saved status, or the server's error message.
 * @throws {TypeError} When the network fails.
 *
 * @example
 * ```ts ignore
 * const form = document.querySelector("form")!;
 * const result = await saveTaskStatus(form.action, new FormData(form));
 * if (!result.ok) console.log(result.error);
 * ```
 */
async function saveTaskStatus(action: string, body: FormData): Promise<SaveResult> {
  const response = await fetch(action, {
    method: "POST",
    body,
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  const json = await response.json().catch(() => null) as
    | { task?: { status?: string }; error?: string }
    | null;
  if (response.ok) {
    const status = json?.task?.status;
    if (status && status in TASK_STATUS_LABELS) {
      return { ok: true, status: status as TaskStatusValue };
    }
    // A server that ignored Accept and redirected to a page still saved the change.
    const wanted = body.get("status");
    if (response.redirected && typeof wanted === "string" && wanted in TASK_STATUS_LABELS) {
      return { ok: true, status: wanted as TaskStatusValue };
    }
    return { ok: false, error: "The server sent an unexpected answer" };
  }
  const error = typeof json?.error === "string" && json.error
    ? json.error
    : `Could not save the status (HTTP ${response.status})`;
  return { ok: false, error };
}
