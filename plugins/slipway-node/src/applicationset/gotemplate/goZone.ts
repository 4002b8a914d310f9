/**
 * Go's *time.Location for template times: UTC, Local, fixed offsets (from
 * parsed "-0700" or "MST") and IANA zones through Intl. Local is UTC:
 * Argo CD's controller runs in a container without a configured zone.
 */
import { daysFromCivil } from './goCalendar';

export interface GoZone {
  /** Location.String(): "UTC", "Local", an IANA name, or a fixed zone's name. */
  readonly name: string;
  /** Zone abbreviation and offset east of UTC (seconds) at an instant. */
  lookup(unixSec: number): { abbr: string; offset: number };
}

export const UTC: GoZone = {
  name: 'UTC',
  lookup: () => ({ abbr: 'UTC', offset: 0 }),
};

export const LOCAL: GoZone = {
  name: 'Local',
  lookup: () => ({ abbr: 'UTC', offset: 0 }),
};

/** time.FixedZone(name, offset). */
export function fixedZone(name: string, offset: number): GoZone {
  return { name, lookup: () => ({ abbr: name, offset }) };
}

const intlZones = new Map<string, GoZone | undefined>();

/**
 * time.LoadLocation: "" and "UTC" are UTC, "Local" is Local, other names
 * are IANA zones; undefined for a name Go would not find. Go reads zone
 * files by exact name, so a name Intl accepts only case-insensitively is
 * unknown, while an alias Intl canonicalizes is known.
 */
export function loadLocation(name: string): GoZone | undefined {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return LOCAL;
  if (/^[+-]/.test(name) || name.includes('..')) return undefined;
  if (!intlZones.has(name)) {
    if (intlZones.size > 1000) intlZones.clear();
    intlZones.set(name, intlZone(name));
  }
  return intlZones.get(name);
}

const PARTS: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  era: 'short',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  timeZoneName: 'short',
};

const isGmtOffset = (abbr: string | undefined) => /^GMT[+-]/.test(abbr ?? '');

function intlZone(name: string): GoZone | undefined {
  let us: Intl.DateTimeFormat;
  try {
    us = new Intl.DateTimeFormat('en-US', { ...PARTS, timeZone: name });
  } catch {
    return undefined;
  }
  const resolved = us.resolvedOptions().timeZone;
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase())
    return undefined;
  // en-US names only US zones; en-GB names the European ones as tzdata does.
  const gb = name.startsWith('Europe/')
    ? new Intl.DateTimeFormat('en-GB', {
        timeZone: name,
        timeZoneName: 'short',
      })
    : undefined;
  return {
    name,
    lookup(unixSec) {
      const ms = unixSec * 1000;
      if (!(Math.abs(ms) <= 8.64e15)) return { abbr: 'UTC', offset: 0 };
      const date = new Date(ms);
      const parts: Record<string, string> = {};
      for (const p of us.formatToParts(date)) parts[p.type] = p.value;
      const year =
        parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
      const wall =
        daysFromCivil(year, Number(parts.month), Number(parts.day)) * 86400 +
        Number(parts.hour) * 3600 +
        Number(parts.minute) * 60 +
        Number(parts.second);
      const offset = wall - Math.floor(unixSec);
      let abbr = parts.timeZoneName ?? '';
      if (isGmtOffset(abbr) && gb) {
        const gbName = gb
          .formatToParts(date)
          .find(p => p.type === 'timeZoneName')?.value;
        if (gbName && !isGmtOffset(gbName)) abbr = gbName;
      }
      if (isGmtOffset(abbr)) abbr = numericAbbr(offset);
      return { abbr, offset };
    },
  };
}

/** tzdata's name for a zone without an abbreviation: "+09", "+0530", "-03". */
function numericAbbr(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(offset) / 60);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = minutes % 60;
  return `${sign}${hh}${mm ? String(mm).padStart(2, '0') : ''}`;
}
