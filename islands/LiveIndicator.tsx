/**
 * Whether the page is receiving live updates: "Live", "Reconnecting", "Offline", or "Live
 * updates off" when the user's flag `live_updates` is off.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { type ConnectionState, liveStore } from "../lib/store/store.ts";
import { countRender } from "../lib/store/hooks.ts";

const LABELS: Record<ConnectionState, string> = {
  connecting: "Connecting",
  live: "Live",
  reconnecting: "Reconnecting",
  offline: "Offline",
  disabled: "Live updates off",
};

/**
 * A small status badge with `data-state` set to `connecting`, `live`, `reconnecting`,
 * `offline` or `disabled`. Hidden until hydrated: without JavaScript the page is not live, and says nothing.
 *
 * @returns The badge.
 *
 * @example
 * ```tsx ignore
 * <LiveIndicator />
 * ```
 */
export function LiveIndicator(): JSX.Element {
  countRender("LiveIndicator");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const state = hydrated ? liveStore().connection.value : "connecting";
  return (
    <span class="live-indicator" data-state={state} role="status" hidden={!hydrated}>
      <span class="live-indicator__dot" aria-hidden="true" />
      <span class="live-indicator__text">{LABELS[state]}</span>
    </span>
  );
}
