/**
 * Go's time.Time as a template value: an instant (Unix seconds and
 * nanoseconds) in a location, formatted with Go layouts, parsed with
 * time.ParseInLocation's zone rules, and a few of its methods for
 * templates (`(now).Format "2006"`, `(now).Year`).
 */
import { civilFromDays, daysFromCivil } from './goCalendar';
import { SECOND } from './goDuration';
import { GoMethod, GoObject, goArg } from './goObject';
import { formatLayout, WallClock } from './goTimeLayout';
import { parseLayout } from './goTimeParse';
import { fixedZone, GoZone, LOCAL, UTC } from './goZone';
import { GoValue, toInt, typeName } from './values';

export const RFC3339_NANO = '2006-01-02T15:04:05.999999999Z07:00';
const STRING_LAYOUT = '2006-01-02 15:04:05.999999999 -0700 MST';

const floorDiv = (a: number, b: number) => Math.floor(a / b);

export class GoTime extends GoObject {
  readonly goType = 'time.Time';
  readonly goKind = 'struct';

  /** Unix seconds (an integer), nanoseconds in [0, 1e9), location. */
  private constructor(
    readonly sec: number,
    readonly nsec: number,
    readonly loc: GoZone,
  ) {
    super();
  }

  /** time.Unix(sec, nsec) in a location (Local by default). */
  static unix(sec: number, nsec = 0, loc: GoZone = LOCAL): GoTime {
    const carry = floorDiv(nsec, 1e9);
    return new GoTime(sec + carry, nsec - carry * 1e9, loc);
  }

  /** An instant given in Unix nanoseconds. */
  static fromUnixNano(ns: bigint, loc: GoZone = LOCAL): GoTime {
    let sec = ns / SECOND;
    let nsec = ns % SECOND;
    if (nsec < 0n) {
      nsec += SECOND;
      sec -= 1n;
    }
    return new GoTime(Number(sec), Number(nsec), loc);
  }

  /** time.Time{}: January 1, year 1, 00:00:00 UTC. */
  static zero(): GoTime {
    return new GoTime(daysFromCivil(1, 1, 1) * 86400, 0, UTC);
  }

  /** time.Date: fields may overflow and are normalized, as in Go. */
  static date(
    year: number,
    month: number,
    day: number,
    hour: number,
    min: number,
    sec: number,
    nsec: number,
    loc: GoZone,
  ): GoTime {
    const wall =
      daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
    // Guess the offset at the wall time, then correct it at the instant.
    let offset = loc.lookup(wall).offset;
    if (offset !== 0) offset = loc.lookup(wall - offset).offset;
    return GoTime.unix(wall - offset, nsec, loc);
  }

  unixNano(): bigint {
    return BigInt(this.sec) * SECOND + BigInt(this.nsec);
  }

  isZero(): boolean {
    return this.sec === GoTime.zero().sec && this.nsec === 0;
  }

  in(loc: GoZone): GoTime {
    return new GoTime(this.sec, this.nsec, loc);
  }

  /** Time.Add of a Duration in nanoseconds. */
  add(d: bigint): GoTime {
    return GoTime.fromUnixNano(this.unixNano() + d, this.loc);
  }

  /** Time.Sub: the Duration from o to this time. */
  sub(o: GoTime): bigint {
    return this.unixNano() - o.unixNano();
  }

  /** The wall clock in the time's location. */
  wall(): WallClock {
    const { abbr, offset } = this.loc.lookup(this.sec);
    const local = this.sec + offset;
    const days = floorDiv(local, 86400);
    const secOfDay = local - days * 86400;
    return {
      ...civilFromDays(days),
      hour: floorDiv(secOfDay, 3600),
      min: floorDiv(secOfDay % 3600, 60),
      sec: secOfDay % 60,
      nsec: this.nsec,
      abbr,
      offset,
    };
  }

  format(layout: string): string {
    return formatLayout(this.wall(), layout);
  }

  /** Go appends the monotonic clock reading ("m=+0.001") to now(); not here. */
  toString(): string {
    return this.format(STRING_LAYOUT);
  }

  toJSON(): unknown {
    return this.format(RFC3339_NANO);
  }

  protected methods(): Record<string, GoMethod> {
    const w = () => this.wall();
    const time = (v: GoValue) =>
      goArg(v, (x): x is GoTime => x instanceof GoTime, 'time.Time');
    return {
      Format: (layout: GoValue) => {
        if (typeof layout !== 'string')
          throw new Error(
            `wrong type for value; expected string; got ${typeName(layout)}`,
          );
        return this.format(layout);
      },
      String: () => this.toString(),
      Unix: () => BigInt(this.sec),
      UnixMilli: () => this.unixNano() / 1_000_000n,
      UnixNano: () => this.unixNano(),
      Year: () => BigInt(w().year),
      YearDay: () => BigInt(w().yday),
      Day: () => BigInt(w().day),
      Hour: () => BigInt(w().hour),
      Minute: () => BigInt(w().min),
      Second: () => BigInt(w().sec),
      Nanosecond: () => BigInt(this.nsec),
      IsZero: () => this.isZero(),
      UTC: () => this.in(UTC),
      Local: () => this.in(LOCAL),
      Add: (d: GoValue) => this.add(toInt(d)),
      AddDate: (y: GoValue, m: GoValue, d: GoValue) => {
        const c = w();
        return GoTime.date(
          c.year + Number(toInt(y)),
          c.month + Number(toInt(m)),
          c.day + Number(toInt(d)),
          c.hour,
          c.min,
          c.sec,
          c.nsec,
          this.loc,
        );
      },
      Before: (o: GoValue) => this.sub(time(o)) < 0n,
      After: (o: GoValue) => this.sub(time(o)) > 0n,
      Equal: (o: GoValue) => this.sub(time(o)) === 0n,
    };
  }
}

/**
 * time.ParseInLocation(layout, value, local): a value without a zone is in
 * `local`; an offset or abbreviation that `local` does not have at that
 * instant becomes a fixed zone, as in Go.
 */
export function parseInLocation(
  layout: string,
  value: string,
  local: GoZone = LOCAL,
): GoTime {
  const p = parseLayout(layout, value);
  const at = (loc: GoZone) =>
    GoTime.date(p.year, p.month, p.day, p.hour, p.min, p.sec, p.nsec, loc);
  const z = p.zone;
  if (z.kind === 'utc') return at(UTC);
  if (z.kind === 'offset') {
    const t = at(UTC).add(BigInt(-z.offset) * SECOND);
    const here = local.lookup(t.sec);
    if (here.offset === z.offset && (z.name === '' || here.abbr === z.name))
      return t.in(local);
    return t.in(fixedZone(z.name, z.offset));
  }
  if (z.kind === 'name') {
    const t = at(UTC);
    const here = local.lookup(t.sec);
    if (here.abbr === z.name)
      return t.add(BigInt(-here.offset) * SECOND).in(local);
    // An unknown abbreviation gets offset 0, "GMT+3" its hours.
    const gmt = /^GMT([+-]\d+)$/.exec(z.name);
    return t.in(fixedZone(z.name, gmt ? Number(gmt[1]) * 3600 : 0));
  }
  return at(local);
}
