import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';

const MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

/**
 * Reads a duration key in milliseconds: a number of seconds, a string such
 * as `3m` or `PT3M`, or a HumanDuration object (`{ minutes: 3 }`).
 */
export function readDurationMs(config: Config, key: string, defaultMs: number): number {
  if (!config.has(key)) return defaultMs;
  const value = config.get(key);
  if (typeof value === 'number') {
    if (!(value >= 0)) throw new Error(`${key} must be a non-negative number of seconds, got ${value}`);
    return value * 1000;
  }
  const human = readDurationFromConfig(config, { key }) as Record<string, number | undefined>;
  let total = 0;
  for (const [unit, amount] of Object.entries(human)) {
    if (!(unit in MS)) throw new Error(`${key}: use weeks or shorter units, not ${unit}`);
    total += (amount ?? 0) * MS[unit];
  }
  return total;
}
