/**
 * Serialises island props into the page's JSON state script.
 *
 * @module
 */
import { Signal } from "@preact/signals";
import { type IslandStateJson, TAG } from "./_format.ts";

/** One island's props, labelled for error messages. */
export interface IslandPropsEntry {
  /** The island's name, used in error messages. */
  name: string;
  /** The props it was rendered with. */
  props: Record<string, unknown>;
}

/**
 * Encodes the props of a page's islands as JSON that is safe to place inside
 * `<script type="application/json">`. Signals are encoded by identity: a signal reachable
 * from several islands' props is written once and revived as one signal. So are plain objects
 * and arrays: one passed to several islands (a page's shared `live` handle) is written once
 * and revived as one object.
 *
 * `<` is written as `\u003c` (so neither `</script` nor `<!--` can appear), and U+2028 and
 * U+2029 are escaped too. Functions, symbols, bigints, cycles, `children` and objects other
 * than plain objects, arrays, dates and signals are refused.
 *
 * @param entries Each island's name and props, in marker-index order.
 * @returns The escaped JSON text.
 * @throws {TypeError} If a prop cannot be serialised; the message names the island and path.
 *
 * @example
 * ```ts
 * import { signal } from "@preact/signals";
 * import { serializeIslandState } from "./serialize.ts";
 * const count = signal(1);
 * const json = serializeIslandState([
 *   { name: "Counter", props: { count } },
 *   { name: "Label", props: { count, text: "</script>" } },
 * ]);
 * console.log(json.includes("</script")); // false
 * ```
 */
export function serializeIslandState(entries: readonly IslandPropsEntry[]): string {
  const encoder = new StateEncoder(repeated(entries.map((entry) => entry.props)));
  const islands = entries.map(({ name, props }) => {
    if (props.children !== undefined) {
      throw new TypeError(
        `Cannot serialise island "${name}": islands take serialisable props, not children`,
      );
    }
    return encoder.encode(props, name);
  });
  const state: IslandStateJson = { signals: encoder.signals, islands };
  if (encoder.shared.length) state.shared = encoder.shared;
  return escapeScriptJson(JSON.stringify(state));
}

/**
 * Escapes JSON text for an inline `<script>` element.
 *
 * @param json JSON text.
 * @returns The same JSON value, with `<`, U+2028 and U+2029 written as escapes.
 *
 * @example
 * ```ts
 * import { escapeScriptJson } from "./serialize.ts";
 * console.log(escapeScriptJson(JSON.stringify("</script>"))); // "\u003c/script>"
 * ```
 */
export function escapeScriptJson(json: string): string {
  return json.replace(/[<\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/**
 * The plain objects and arrays reached more than once from `roots` (signals' values included,
 * each signal walked once): those are written once, in `shared`.
 */
function repeated(roots: readonly unknown[]): Set<object> {
  const seen = new Set<object>();
  const again = new Set<object>();
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== "object" || value instanceof Date) return;
    if (seen.has(value)) {
      if (!(value instanceof Signal)) again.add(value);
      return;
    }
    seen.add(value);
    if (value instanceof Signal) walk(value.peek());
    else for (const item of Array.isArray(value) ? value : Object.values(value)) walk(item);
  };
  for (const root of roots) walk(root);
  return again;
}

class StateEncoder {
  readonly signals: unknown[] = [];
  readonly shared: unknown[] = [];
  #signalIds = new Map<Signal, number>();
  #sharedIds = new Map<object, number>();
  #repeated: Set<object>;
  #ancestors = new Set<object>();

  constructor(repeated: Set<object>) {
    this.#repeated = repeated;
  }

  encode(value: unknown, path: string): unknown {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        return Number.isFinite(value) ? value : { [TAG]: "number", value: String(value) };
      case "undefined":
        return { [TAG]: "undefined" };
      case "object":
        return value === null ? null : this.#encodeObject(value, path);
      default:
        throw new TypeError(
          `Cannot serialise island prop "${path}": ${typeof value} values are not supported`,
        );
    }
  }

  #encodeObject(value: object, path: string): unknown {
    if (value instanceof Signal) return { [TAG]: "signal", id: this.#signalId(value, path) };
    if (value instanceof Date) return { [TAG]: "date", value: value.toISOString() };
    if (this.#ancestors.has(value)) {
      throw new TypeError(`Cannot serialise island prop "${path}": it refers to itself`);
    }
    if (this.#repeated.has(value)) return { [TAG]: "shared", id: this.#sharedId(value, path) };
    return this.#encodeInline(value, path);
  }

  #encodeInline(value: object, path: string): unknown {
    this.#ancestors.add(value);
    try {
      if (Array.isArray(value)) {
        return value.map((item, index) => this.encode(item, `${path}[${index}]`));
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        const kind = value.constructor?.name ?? "object";
        throw new TypeError(`Cannot serialise island prop "${path}": ${kind} is not supported`);
      }
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (item === undefined) continue;
        out[key] = this.encode(item, `${path}.${key}`);
      }
      return Object.hasOwn(out, TAG) ? { [TAG]: "object", value: out } : out;
    } finally {
      this.#ancestors.delete(value);
    }
  }

  #sharedId(value: object, path: string): number {
    let id = this.#sharedIds.get(value);
    if (id !== undefined) return id;
    id = this.shared.length;
    this.#sharedIds.set(value, id);
    this.shared.push(null);
    this.shared[id] = this.#encodeInline(value, path);
    return id;
  }

  #signalId(value: Signal, path: string): number {
    let id = this.#signalIds.get(value);
    if (id !== undefined) return id;
    id = this.signals.length;
    this.#signalIds.set(value, id);
    this.signals.push(null);
    this.signals[id] = this.encode(value.peek(), `${path}.value`);
    return id;
  }
}
