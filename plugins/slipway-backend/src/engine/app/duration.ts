const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a Go-style duration as Argo CD's retry backoff takes it
 * (`5s`, `3m`, `1h30m`, `250ms`); a bare number is seconds.
 */
export function parseDuration(text: string | undefined, fallbackMs: number): number {
  if (text === undefined || text === '') return fallbackMs;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map(p => p[0]).join('') !== text) {
    throw new Error(`'${text}' is not a duration; write it like 5s, 3m or 1h`);
  }
  return parts.reduce((total, [, value, unit]) => total + Number(value) * UNITS[unit], 0);
}
