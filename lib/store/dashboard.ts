/**
 * A project dashboard in the live store: `/api/projects/<id>` split into one signal per
 * section, so an island reading the risks does not render again when a task changes, plus
 * optimistic task status changes that roll back.
 *
 * @module
 */
import { batch, computed, type ReadonlySignal, type Signal, signal } from "@preact/signals";
import type { ProjectDashboard, TaskStatus } from "../model/types.ts";
import { type LiveResource, setIfChanged } from "./resource.ts";
import { dashboardPath } from "../model/api.ts";
import type { LiveContextHandle } from "./context.ts";

/** The sections of a dashboard, each one signal. */
export const DASHBOARD_SECTIONS = [
  "project",
  "phases",
  "team",
  "metrics",
  "risks",
  "milestones",
  "log",
  "accomplishments",
  "actionGroups",
  "blockers",
  "progress",
] as const;

/** A section's name: a key of `ProjectDashboard`. */
export type DashboardSection = typeof DASHBOARD_SECTIONS[number];

/** One signal per section. */
export type DashboardSignals = { [K in DashboardSection]: Signal<ProjectDashboard[K]> };

/**
 * What the server hands every dashboard island as a prop: the resource's path, the API ETag
 * and the bus sequence number the render reflects, and the section signals. The signals are
 * serialised once and shared by every island in the browser.
 */
export interface LiveDashboardHandle {
  /** `/api/projects/<id>`. */
  path: string;
  /** The ETag `GET path` would answer with for the data rendered; null when unknown. */
  etag: string | null;
  /** The last invalidation sequence number the rendered data reflects. */
  seq: number;
  /** The data, one signal per section. */
  sections: DashboardSignals;
  /** The request context rendered with it, which the store then holds too; none if absent. */
  context?: LiveContextHandle;
}

export { dashboardPath };

/**
 * Makes the handle a page passes to its dashboard islands. Call it once per render and give
 * the same handle to every island, so the sections stay one set of signals.
 *
 * @param dashboard The dashboard rendered.
 * @param options The API ETag and sequence number the data reflects (defaults: none, 0), and
 * the request context's handle for the store to hold (default: none).
 * @returns The handle.
 *
 * @example
 * ```ts ignore
 * const live = createDashboardHandle(dashboard, { etag: apiEtag, seq: bus.lastSeq });
 * ```
 */
export function createDashboardHandle(
  dashboard: ProjectDashboard,
  options: { etag?: string | null; seq?: number; context?: LiveContextHandle } = {},
): LiveDashboardHandle {
  const sections = {} as Record<DashboardSection, Signal<unknown>>;
  for (const name of DASHBOARD_SECTIONS) sections[name] = signal(dashboard[name]);
  return {
    path: dashboardPath(dashboard.project.id),
    etag: options.etag ?? null,
    seq: options.seq ?? 0,
    sections: sections as DashboardSignals,
    context: options.context,
  };
}

/** An optimistic change in progress: keep it, or take it back. */
export interface PendingChange {
  /** The server accepted it: it becomes part of the data held until the server says more. */
  commit(status: TaskStatus): void;
  /** The server refused it: the task shows what the server last said. */
  revert(): void;
}

/**
 * The dashboard resource. Section signals are the handle's; `data` is computed from them.
 *
 * @example
 * ```ts ignore
 * const dashboard = new DashboardResource(handle);
 * dashboard.receive(freshBody, 'W/"2"'); // only changed sections notify
 * ```
 */
export class DashboardResource implements LiveResource<ProjectDashboard> {
  readonly path: string;
  etag: string | null;
  /** One signal per section, showing the server's data with optimistic changes applied. */
  readonly sections: DashboardSignals;
  readonly data: ReadonlySignal<ProjectDashboard>;
  /** The sections as the server last sent them. */
  #base: ProjectDashboard;
  /** Optimistic task statuses by task id, applied over `#base.phases`. */
  #overlay = new Map<string, { status: TaskStatus; token: object }>();

  constructor(handle: LiveDashboardHandle) {
    this.path = handle.path;
    this.etag = handle.etag;
    this.sections = handle.sections;
    const base = {} as Record<DashboardSection, unknown>;
    for (const name of DASHBOARD_SECTIONS) base[name] = handle.sections[name].peek();
    this.#base = base as unknown as ProjectDashboard;
    const sections = this.sections;
    this.data = computed(() => {
      const out = {} as Record<DashboardSection, unknown>;
      for (const name of DASHBOARD_SECTIONS) out[name] = sections[name].value;
      return out as unknown as ProjectDashboard;
    });
  }

  receive(body: ProjectDashboard, etag: string | null): boolean {
    this.etag = etag;
    this.#base = body;
    return this.#publish();
  }

  snapshot(): ProjectDashboard {
    return this.#base;
  }

  patch(fields: Partial<ProjectDashboard>, etag: string | null): boolean {
    this.etag = etag;
    this.#base = { ...this.#base, ...fields };
    return this.#publish();
  }

  /**
   * Shows a task with a new status at once, before the server confirms it.
   *
   * @param taskId The task.
   * @param status The status chosen.
   * @returns How to keep or take back the change.
   */
  setTaskStatus(taskId: string, status: TaskStatus): PendingChange {
    const token = {};
    this.#overlay.set(taskId, { status, token });
    this.#publish();
    const settle = (keep: TaskStatus | null) => {
      // A later change of the same task owns the overlay now; leave it alone.
      if (this.#overlay.get(taskId)?.token !== token) return;
      this.#overlay.delete(taskId);
      if (keep) this.#base = { ...this.#base, phases: withStatus(this.#base.phases, taskId, keep) };
      this.#publish();
    };
    return { commit: (saved) => settle(saved), revert: () => settle(null) };
  }

  #publish(): boolean {
    let changed = false;
    batch(() => {
      for (const name of DASHBOARD_SECTIONS) {
        let next: unknown = this.#base[name];
        if (name === "phases") {
          for (const [taskId, { status }] of this.#overlay) {
            next = withStatus(next as ProjectDashboard["phases"], taskId, status);
          }
        }
        if (setIfChanged(this.sections[name] as Signal<unknown>, next)) changed = true;
      }
    });
    return changed;
  }
}

function withStatus(
  phases: ProjectDashboard["phases"],
  taskId: string,
  status: TaskStatus,
): ProjectDashboard["phases"] {
  return phases.map((phase) =>
    phase.tasks.some((task) => task.id === taskId)
      ? {
        ...phase,
        tasks: phase.tasks.map((task) => task.id === taskId ? { ...task, status } : task),
      }
      : phase
  );
}
