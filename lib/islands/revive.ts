/**
 * Revives the island state written by `serializeIslandState()`; runs in the browser.
 *
 * @module
 */
import { type Signal, signal } from "@preact/signals";
import { type IslandStateJson, TAG } from "./_format.ts";

/**
 * Parses the island state JSON and rebuilds each island's props. Each signal id becomes one
 * `signal()`, and each shared value one object, so islands that shared a signal or an object on
 * the server share it in the browser.
 *
 * @param json The text of the `__BEACON_STATE__` script.
 * @returns Each island's props, indexed by marker index.
 * @throws {SyntaxError} If the text is not JSON or not island state.
 *
 * @example
 * ```ts
 * import { signal } from "@preact/signals";
 * import { serializeIslandState } from "./serialize.ts";
 * import { reviveIslandState } from "./revive.ts";
 * const count = signal(1);
 * const json = serializeIslandState([
 *   { name: "A", props: { count } },
 *   { name: "B", props: { count } },
 * ]);
 * const [a, b] = reviveIslandState(json);
 * console.log(a.count === b.count); // true
 * ```
 */
export function reviveIslandState(json: string): Record<string, unknown>[] {
  const state = JSON.parse(json) as IslandStateJson;
  if (!state || !Array.isArray(state.signals) || !Array.isArray(state.islands)) {
    throw new SyntaxError("Cannot revive island state: it lacks signals or islands");
  }
  const reviver = new StateReviver(state.signals, Array.isArray(state.shared) ? state.shared : []);
  return state.islands.map((props) => reviver.decode(props) as Record<string, unknown>);
}

class StateReviver {
  #encoded: unknown[];
  #encodedShared: unknown[];
  #signals = new Map<number, Signal>();
  #shared = new Map<number, unknown>();

  constructor(encoded: unknown[], shared: unknown[]) {
    this.#encoded = encoded;
    this.#encodedShared = shared;
  }

  decode(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((item) => this.decode(item));
    const record = value as Record<string, unknown>;
    if (Object.hasOwn(record, TAG)) return this.#decodeTagged(record);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) out[key] = this.decode(item);
    return out;
  }

  #decodeTagged(record: Record<string, unknown>): unknown {
    switch (record[TAG]) {
      case "signal":
        return this.#signal(Number(record.id));
      case "shared":
        return this.#sharedValue(Number(record.id));
      case "date":
        return new Date(String(record.value));
      case "undefined":
        return undefined;
      case "number":
        return Number(record.value);
      case "object": {
        const inner = record.value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(inner)) out[key] = this.decode(item);
        return out;
      }
      default:
        throw new SyntaxError(`Cannot revive island state: unknown tag "${String(record[TAG])}"`);
    }
  }

  #sharedValue(id: number): unknown {
    if (this.#shared.has(id)) return this.#shared.get(id);
    if (!(id >= 0 && id < this.#encodedShared.length)) {
      throw new SyntaxError(`Cannot revive island state: shared value ${id} is missing`);
    }
    const revived = this.decode(this.#encodedShared[id]);
    this.#shared.set(id, revived);
    return revived;
  }

  #signal(id: number): Signal {
    let revived = this.#signals.get(id);
    if (revived) return revived;
    if (!(id >= 0 && id < this.#encoded.length)) {
      throw new SyntaxError(`Cannot revive island state: signal ${id} is missing`);
    }
    // Registered before its value is decoded, so a signal whose value refers back to it works.
    revived = signal<unknown>(undefined);
    this.#signals.set(id, revived);
    revived.value = this.decode(this.#encoded[id]);
    return revived;
  }
}
