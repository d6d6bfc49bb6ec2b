import { useComputed } from "@preact/signals";
import type { Signal } from "@preact/signals";

/** A test island: shows a shared signal and its double. */
export function SharedLabel(props: { count: Signal<number>; label: string }) {
  const double = useComputed(() => props.count.value * 2);
  return (
    <output class="shared-label">
      {props.label}: {props.count} (double {double})
    </output>
  );
}
