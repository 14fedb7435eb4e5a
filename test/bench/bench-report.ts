// Runs in: the benchmark process. Every section reports rows of one shape; this prints them
// as one table and writes them, with the machine they ran on, as JSON.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface BenchRow {
  section: string;
  metric: string;
  value: number;
  unit: string;
  /** What the value is compared against, e.g. ">= 0.95 x bound". */
  target?: string;
  /** Whether the target is met, where there is one. */
  pass?: boolean;
  note?: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function latencyStats(samplesMs: readonly number[]): { p50: number; p95: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function printTable(rows: readonly BenchRow[]): void {
  const table = rows.map((r) => [
    r.section,
    r.metric,
    `${format(r.value)} ${r.unit}`,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED',
    r.note ?? '',
  ]);
  const header = ['section', 'metric', 'value', 'target', '', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
}

export async function writeJson(file: string, rows: readonly BenchRow[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const machine = { platform: process.platform, arch: process.arch, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.versions.node };
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2)}\n`);
}
