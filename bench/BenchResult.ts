import os from 'node:os';

/** One line of `npm run bench`. */
export interface BenchResult {
  scenario: string;
  /** The figure held against `goal`. */
  value: number;
  unit: string;
  goal: number;
  better: 'higher' | 'lower';
  cores: number;
  details: Record<string, unknown>;
}

/** A benchmark scenario: does the work it names, then reports. */
export interface BenchScenario {
  name: string;
  run(): Promise<BenchResult>;
}

export function result(
  fields: Omit<BenchResult, 'cores'>,
): BenchResult {
  return { ...fields, cores: os.cpus().length };
}

/** The p-th percentile (0..100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
