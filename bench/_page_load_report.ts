/**
 * The page-load benchmark's report: a Markdown table of the seven figures against their
 * targets, and an SVG chart of each metric, before against after.
 *
 * @module
 */

/** One metric, before and after, lower is better unless `higherIsBetter`. */
export interface Figure {
  /** The row's label, e.g. "(2) `load`, repeat visit (ms)". */
  label: string;
  before: number | null;
  after: number | null;
  /** What is asked, in words, e.g. "−50 %". */
  target: string;
  /** Whether the target is met; null when it cannot be judged. */
  met: boolean | null;
  unit: string;
  higherIsBetter?: boolean;
  /** Drawn in the chart. Default true. */
  chart?: boolean;
}

function fmt(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return "n/a";
  const digits = unit === "ms" && value < 100 ? 1 : unit === "%" ? 1 : 0;
  return `${
    value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits })
  }${unit ? ` ${unit}` : ""}`;
}

function change(f: Figure): string {
  if (f.before === null || f.after === null || !Number.isFinite(f.before)) return "";
  if (f.before === 0) return f.after === 0 ? "±0" : "";
  const pct = (100 * (f.after - f.before)) / f.before;
  return `${pct > 0 ? "+" : "−"}${Math.abs(pct).toFixed(0)} %`;
}

/** The Markdown table of the figures. */
export function figureTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) =>
    `| ${f.label} | ${fmt(f.before, f.unit)} | ${fmt(f.after, f.unit)} | ${
      change(f)
    } | ${f.target} | ${f.met === null ? "n/a" : f.met ? "met" : "**not met**"} |`
  );
  return [
    "| metric | before | after | change | target | |",
    "| --- | ---: | ---: | ---: | --- | --- |",
    ...rows,
  ].join("\n");
}

const BAR = { before: "#9aa5b1", after: "#2f6fde" };

/**
 * An SVG chart: for each metric, the "before" bar at 100 % and the "after" bar at its share
 * of before (capped at 200 %), with both values written beside them.
 */
export function figureChart(figures: readonly Figure[], title: string): string {
  const drawn = figures.filter((f) =>
    f.chart !== false && f.before !== null && f.after !== null && f.before > 0
  );
  const rowHeight = 44, left = 330, width = 760, scale = 300;
  const height = 60 + drawn.length * rowHeight + 30;
  const escape = (text: string) =>
    text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="16" y="24" font-size="15" font-weight="600">${escape(title)}</text>`,
    `<rect x="${left}" y="34" width="12" height="10" fill="${BAR.before}"/>` +
    `<text x="${left + 16}" y="43">before (100 %)</text>`,
    `<rect x="${left + 120}" y="34" width="12" height="10" fill="${BAR.after}"/>` +
    `<text x="${left + 136}" y="43">after, as a share of before</text>`,
  ];
  drawn.forEach((f, i) => {
    const y = 60 + i * rowHeight;
    const share = Math.min(2, f.after! / f.before!);
    const label = f.label.replace(/`/g, "");
    parts.push(`<text x="16" y="${y + 16}">${escape(label)}</text>`);
    parts.push(
      `<rect x="${left}" y="${y + 2}" width="${scale}" height="14" fill="${BAR.before}"/>`,
    );
    parts.push(
      `<text x="${left + scale + 6}" y="${y + 13}">${escape(fmt(f.before, f.unit))}</text>`,
    );
    parts.push(
      `<rect x="${left}" y="${y + 19}" width="${Math.max(1, share * scale)}" height="14" ` +
        `fill="${BAR.after}"/>`,
    );
    parts.push(
      `<text x="${left + Math.max(1, share * scale) + 6}" y="${y + 30}">${
        escape(`${fmt(f.after, f.unit)} (${(100 * f.after! / f.before!).toFixed(0)} %)`)
      }</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
