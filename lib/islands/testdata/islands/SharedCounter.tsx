import type { Signal } from "@preact/signals";

/** A test island: a button that increments a shared signal. */
export function SharedCounter(props: { count: Signal<number> }) {
  return (
    <button type="button" class="shared-counter" onClick={() => props.count.value++}>
      Add one ({props.count})
    </button>
  );
}
