import os from "node:os";

/** Nearest-rank percentile of an ascending array (q in 0..1); NaN for no samples. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Milliseconds with three decimals (microsecond resolution), signed when asked. */
export function formatMs(ms: number, signed = false): string {
  if (Number.isNaN(ms)) return "n/a";
  const text = ms.toFixed(3);
  return signed && ms >= 0 ? `+${text}` : text;
}

export function formatCount(value: number): string {
  if (Number.isNaN(value)) return "n/a";
  return Math.round(value).toLocaleString("en-US");
}

export type Align = "left" | "right";

/** A Markdown table with padded cells: readable in a terminal and pasteable into RESULTS.md. */
export function markdownTable(headers: readonly string[], rows: readonly string[][], align: Align[]): string {
  const widths = headers.map((header, column) =>
    Math.max(3, header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const pad = (text: string, column: number) => {
    const width = widths[column] ?? 0;
    return align[column] === "right" ? text.padStart(width) : text.padEnd(width);
  };
  const line = (cells: readonly string[]) =>
    `| ${headers.map((_, column) => pad(cells[column] ?? "", column)).join(" | ")} |`;
  const rule = `| ${widths
    .map((width, column) => (align[column] === "right" ? `${"-".repeat(width - 1)}:` : "-".repeat(width)))
    .join(" | ")} |`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

export type Machine = {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
};

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.platform()} ${os.release()} (${os.arch()})`,
  };
}

export function machineLines(machine: Machine): string[] {
  return [
    `CPU: ${machine.cpu}, ${machine.cores} logical cores (os.cpus())`,
    `Memory: ${machine.memoryGiB.toFixed(1)} GiB (os.totalmem())`,
    `Node.js: ${machine.node}`,
    `OS: ${machine.platform}`,
  ];
}
