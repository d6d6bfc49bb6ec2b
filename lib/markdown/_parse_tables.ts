/**
 * Reading the table sections: executive summary, team, key metrics, risk register.
 *
 * @module
 */
import type {
  Health,
  PerformanceMetric,
  QualityMetric,
  Risk,
  RiskLevel,
  SummaryRow,
  TeamMember,
} from "./document.ts";
import { healthFromEmoji } from "./health.ts";
import { MarkdownError } from "./errors.ts";
import type { Line } from "./_lines.ts";
import { parseStatus } from "./_status.ts";
import { parseTarget } from "./_target.ts";
import { readTable, type Row } from "./_tables.ts";
import { COLUMNS } from "./_shape.ts";

const RISK_LEVELS: readonly RiskLevel[] = ["High", "Medium", "Low"];
const STRONG = /^\*\*(.+)\*\*$/s;
const PERCENT = /^(\d{1,3})\s*%$/;

/** Reads the Executive Summary table. */
export function readSummary(lines: readonly Line[]): SummaryRow[] {
  return readTable(lines, COLUMNS.summary).map(({ cells: [metric, target, current, status] }) => {
    return { metric, ...parseTarget(target), current, status: parseStatus(status) };
  });
}

/** Reads the "Agent Assignment Status" table; a name's bold markers are removed. */
export function readTeam(lines: readonly Line[]): TeamMember[] {
  return readTable(lines, COLUMNS.team).map((row) => {
    const [name, status, currentTask, progress] = row.cells;
    const strong = STRONG.exec(name);
    if (name === "") {
      throw new MarkdownError(row.line.number, "a member name in the Agent column", '""');
    }
    return {
      name: strong && strong[1].trim() !== "" ? strong[1].trim() : name,
      status: parseStatus(status),
      currentTask,
      progress: percent(row, progress),
    };
  });
}

/** Reads the "Performance Metrics" table. */
export function readPerformance(lines: readonly Line[]): PerformanceMetric[] {
  return readTable(lines, COLUMNS.performance).map((row) => {
    const [metric, baseline, current, target, progress] = row.cells;
    return {
      metric,
      baseline,
      current,
      ...parseTarget(target),
      progress: healthOnly(row, progress),
    };
  });
}

/** Reads the "Quality Metrics" table. */
export function readQuality(lines: readonly Line[]): QualityMetric[] {
  return readTable(lines, COLUMNS.quality).map(({ cells: [metric, current, target, status] }) => {
    return { metric, current, ...parseTarget(target), status: parseStatus(status) };
  });
}

/** Reads the "Risk Register" table; levels are read without regard to case. */
export function readRisks(lines: readonly Line[]): Risk[] {
  return readTable(lines, COLUMNS.risks).map((row) => {
    const [risk, impact, probability, mitigation, owner] = row.cells;
    return {
      risk,
      impact: level(row, impact),
      probability: level(row, probability),
      mitigation,
      owner,
    };
  });
}

function percent(row: Row, cell: string): number {
  const match = PERCENT.exec(cell);
  const value = match ? Number(match[1]) : NaN;
  if (!(value <= 100)) {
    throw new MarkdownError(
      row.line.number,
      'a percent from "0%" to "100%"',
      MarkdownError.quote(cell),
    );
  }
  return value;
}

function healthOnly(row: Row, cell: string): Health | null {
  if (cell === "") return null;
  const health = healthFromEmoji(cell);
  if (health === null) {
    throw new MarkdownError(
      row.line.number,
      "a health emoji 🟢, 🟡 or 🔴",
      MarkdownError.quote(cell),
    );
  }
  return health;
}

function level(row: Row, cell: string): RiskLevel {
  const found = RISK_LEVELS.find((name) => name.toLowerCase() === cell.toLowerCase());
  if (found === undefined) {
    throw new MarkdownError(
      row.line.number,
      "a level High, Medium or Low",
      MarkdownError.quote(cell),
    );
  }
  return found;
}
