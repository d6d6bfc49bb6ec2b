/**
 * What islands use of the live store: the dashboard resource, stable computed values, and
 * the render counter that proves an island whose data did not change did not render.
 *
 * @module
 */
import { computed, type ReadonlySignal } from "@preact/signals";
import { useMemo } from "preact/hooks";
import { liveStore } from "./store.ts";
import type { DashboardSignals, LiveDashboardHandle } from "./dashboard.ts";
import type { DashboardResource } from "./dashboard.ts";

/** What an island reads of a dashboard: its section signals, and the resource in the browser. */
export interface LiveDashboard {
  /** The API path. */
  path: string;
  /** One signal per section. */
  sections: DashboardSignals;
  /** The store's resource; undefined on the server. */
  resource?: DashboardResource;
}

/**
 * The dashboard an island's `live` prop names. In the browser it is held by the tab's store
 * (which opens the socket on first use); on the server the handle's signals are read as they
 * are.
 *
 * @param handle The `live` prop.
 * @returns The sections to read.
 *
 * @example
 * ```tsx ignore
 * function Risks(props: { live: LiveDashboardHandle }) {
 *   const { sections } = useLiveDashboard(props.live);
 *   return <p>{sections.risks.value.length} risks</p>;
 * }
 * ```
 */
export function useLiveDashboard(handle: LiveDashboardHandle): LiveDashboard {
  if (!inBrowser()) return { path: handle.path, sections: handle.sections };
  const resource = liveStore().adoptDashboard(handle);
  return { path: resource.path, sections: resource.sections, resource };
}

/**
 * The dashboard resource held at `path` in the browser, if any; undefined on the server.
 *
 * @param path An API path such as `/api/projects/<id>`.
 * @returns The resource.
 *
 * @example
 * ```ts ignore
 * liveDashboard("/api/projects/p1")?.setTaskStatus("t1", "done");
 * ```
 */
export function liveDashboard(path: string): DashboardResource | undefined {
  if (!inBrowser()) return undefined;
  const resource = liveStore().resource(path);
  return resource && "setTaskStatus" in resource ? resource as DashboardResource : undefined;
}

/**
 * A computed value that keeps its previous identity while its JSON does not change, so an
 * island reading it renders only when what it shows changed. Made once per component.
 *
 * @param fn Computes the value from signals.
 * @returns The signal.
 *
 * @example
 * ```tsx ignore
 * const summary = useStableComputed(() => sections.metrics.value.filter((m) => m.group === "summary"));
 * ```
 */
export function useStableComputed<T>(fn: () => T): ReadonlySignal<T> {
  // Made once: `fn` reads signals, so it never needs remaking.
  return useMemo(() => stableComputed(fn), []);
}

/**
 * A computed value that keeps its previous identity while its JSON does not change.
 *
 * @param fn Computes the value from signals.
 * @returns The signal.
 *
 * @example
 * ```ts
 * import { signal } from "@preact/signals";
 * import { stableComputed } from "./hooks.ts";
 * const list = signal([1, 2]);
 * const total = stableComputed(() => ({ n: list.value.length }));
 * const first = total.value;
 * list.value = [3, 4];
 * console.log(total.value === first); // true
 * ```
 */
export function stableComputed<T>(fn: () => T): ReadonlySignal<T> {
  let last: T | undefined;
  let lastJson: string | undefined;
  return computed(() => {
    const value = fn();
    const json = JSON.stringify(value);
    if (json === lastJson) return last as T;
    lastJson = json;
    last = value;
    return value;
  });
}

/**
 * Counts a render of an island in `globalThis.__beaconRenders[name]` when counting is on: when
 * the page's URL has `?debug=renders`, or a test set `globalThis.__beaconRenders = {}` before
 * the page loaded. Call it first thing in the island's function.
 *
 * @param name The island's name.
 *
 * @example
 * ```ts ignore
 * countRender("RiskRegister");
 * ```
 */
export function countRender(name: string): void {
  if (!inBrowser()) return;
  const global = globalThis as { __beaconRenders?: Record<string, number> };
  if (!global.__beaconRenders) {
    if (!/[?&]debug=renders(&|$)/.test(globalThis.location.search)) return;
    global.__beaconRenders = {};
  }
  global.__beaconRenders[name] = (global.__beaconRenders[name] ?? 0) + 1;
}

function inBrowser(): boolean {
  return typeof document !== "undefined" && typeof globalThis.location !== "undefined";
}
