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
 * from several islands' props is written once and revived as one signal.
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
  const encoder = new StateEncoder();
  const islands = entries.map(({ name, props }) => {
    if (props.children !== undefined) {
      throw new TypeError(
        `Cannot serialise island "${name}": islands take serialisable props, not children`,
      );
    }
    return encoder.encode(props, name);
  });
  const state: IslandStateJson = { signals: encoder.signals, islands };
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

class StateEncoder {
  readonly signals: unknown[] = [];
  #signalIds = new Map<Signal, number>();
  #ancestors = new Set<object>();

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
