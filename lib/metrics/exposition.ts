/**
 * Prometheus text exposition format, version 0.0.4: `# HELP`, `# TYPE` and one line per sample,
 * each metric family written once with all its samples together.
 *
 * @module
 */

/** The `Content-Type` of the text format. */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Label names to values; values are escaped on output. */
export type Labels = Record<string, string>;

/** One sample of a counter or gauge. */
export interface Sample {
  labels?: Labels;
  value: number;
}

/** One labelled histogram: upper bounds, cumulative counts (with `+Inf` last), sum and count. */
export interface HistogramSample {
  labels?: Labels;
  bounds: readonly number[];
  cumulative: readonly number[];
  sum: number;
  count: number;
}

/**
 * Writes metric families into one exposition text.
 *
 * @example
 * ```ts
 * import { Exposition } from "./exposition.ts";
 * const out = new Exposition();
 * out.counter("beacon_cache_misses_total", "Cache misses.", [{ value: 3 }]);
 * out.text(); // "# HELP beacon_cache_misses_total Cache misses.\n# TYPE ...counter\n...3\n"
 * ```
 */
export class Exposition {
  #lines: string[] = [];
  #names = new Set<string>();

  /** Adds a counter family. Names end in `_total`. */
  counter(name: string, help: string, samples: readonly Sample[]): this {
    return this.#family(name, "counter", help, samples);
  }

  /** Adds a gauge family. */
  gauge(name: string, help: string, samples: readonly Sample[]): this {
    return this.#family(name, "gauge", help, samples);
  }

  /** Adds a histogram family: `_bucket{le=…}`, `_sum` and `_count` per labelled series. */
  histogram(name: string, help: string, series: readonly HistogramSample[]): this {
    this.#header(name, "histogram", help);
    for (const h of series) {
      for (let i = 0; i <= h.bounds.length; i++) {
        const le = i === h.bounds.length ? "+Inf" : formatValue(h.bounds[i]);
        this.#lines.push(`${name}_bucket${formatLabels({ ...h.labels, le })} ${h.cumulative[i]}`);
      }
      const labels = formatLabels(h.labels);
      this.#lines.push(`${name}_sum${labels} ${formatValue(h.sum)}`);
      this.#lines.push(`${name}_count${labels} ${h.count}`);
    }
    return this;
  }

  /** The whole exposition, ending with a newline. */
  text(): string {
    return this.#lines.join("\n") + "\n";
  }

  #family(name: string, type: string, help: string, samples: readonly Sample[]): this {
    this.#header(name, type, help);
    for (const s of samples) {
      this.#lines.push(`${name}${formatLabels(s.labels)} ${formatValue(s.value)}`);
    }
    return this;
  }

  #header(name: string, type: string, help: string): void {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) {
      throw new TypeError(`Cannot expose metric "${name}": the name is not valid`);
    }
    if (this.#names.has(name)) {
      throw new TypeError(`Cannot expose metric "${name}" twice`);
    }
    this.#names.add(name);
    this.#lines.push(`# HELP ${name} ${help.replaceAll("\\", "\\\\").replaceAll("\n", "\\n")}`);
    this.#lines.push(`# TYPE ${name} ${type}`);
  }
}

function formatLabels(labels: Labels | undefined): string {
  if (!labels) return "";
  const parts: string[] = [];
  for (const [name, value] of Object.entries(labels)) {
    const escaped = value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
    parts.push(`${name}="${escaped}"`);
  }
  return parts.length ? `{${parts.join(",")}}` : "";
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
