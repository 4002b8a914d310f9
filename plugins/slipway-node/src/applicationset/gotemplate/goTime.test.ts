import { GoTime, parseInLocation } from './goTime';
import { fixedZone, loadLocation, UTC } from './goZone';

// Go's reference time, Mon Jan 2 15:04:05 MST 2006, in its zone (UTC-7).
const MST = fixedZone('MST', -7 * 3600);
const reference = GoTime.date(2006, 1, 2, 15, 4, 5, 0, MST);

describe('Go time layouts (time.Format)', () => {
  it('formats the reference time back into each layout that has no padding, Z or fraction', () => {
    for (const layout of [
      'Mon Jan 02 15:04:05 -0700 2006', // RubyDate
      '02 Jan 06 15:04 MST', // RFC822
      '02 Jan 06 15:04 -0700', // RFC822Z
      'Monday, 02-Jan-06 15:04:05 MST', // RFC850
      'Mon, 02 Jan 2006 15:04:05 MST', // RFC1123
      'Mon, 02 Jan 2006 15:04:05 -0700', // RFC1123Z
      '3:04PM', // Kitchen
      '2006-01-02 15:04:05', // DateTime
      'January 2, 2006 at 3:04pm',
      '-07:00 -07 -070000 -07:00:00',
    ])
      expect(reference.format(layout)).toBe(layout);
  });

  it('pads with spaces for _2 and __2, zeros for 02 and 002', () => {
    const t = GoTime.date(2024, 3, 5, 9, 7, 3, 0, UTC);
    expect(t.format('[_2] [2] [02] [__2] [002]')).toBe(
      '[ 5] [5] [05] [ 65] [065]',
    );
    expect(t.format('1/2/06 3:4:5 03:04:05 15 pm PM')).toBe(
      '3/5/24 9:7:3 09:07:03 09 am AM',
    );
    // Noon is 12PM, midnight 12AM.
    expect(GoTime.date(2024, 1, 1, 0, 0, 0, 0, UTC).format('3PM')).toBe('12AM');
    expect(GoTime.date(2024, 1, 1, 12, 0, 0, 0, UTC).format('3PM')).toBe(
      '12PM',
    );
  });

  it('prints fractional seconds: .000 to fixed places, .999 without trailing zeros', () => {
    const t = GoTime.date(2024, 1, 1, 0, 0, 5, 120_000_000, UTC);
    expect(t.format('05.000')).toBe('05.120');
    expect(t.format('05.999')).toBe('05.12');
    expect(t.format('05,000000')).toBe('05,120000');
    const whole = GoTime.date(2024, 1, 1, 0, 0, 5, 0, UTC);
    expect(whole.format('05.000|05.999')).toBe('05.000|05');
  });

  it('prints Z for UTC only in the Z07 forms, and the numeric offset otherwise', () => {
    const utc = GoTime.date(2024, 1, 1, 0, 0, 0, 0, UTC);
    expect(utc.format('Z07:00|Z0700|Z07|-07:00|MST')).toBe('Z|Z|Z|+00:00|UTC');
    const india = utc.in(fixedZone('', 5 * 3600 + 30 * 60));
    // A zone without a name prints its offset for MST.
    expect(india.format('15:04 Z07:00 -0700 MST')).toBe(
      '05:30 +05:30 +0530 +0530',
    );
  });

  it('prints time.Time.String and keeps the month and weekday names', () => {
    expect(reference.toString()).toBe('2006-01-02 15:04:05 -0700 MST');
    expect(GoTime.zero().toString()).toBe('0001-01-01 00:00:00 +0000 UTC');
    expect(
      GoTime.date(2000, 2, 29, 0, 0, 0, 0, UTC).format(
        'Mon Monday Jan January',
      ),
    ).toBe('Tue Tuesday Feb February');
  });

  it('normalizes overflowing fields as time.Date does', () => {
    expect(GoTime.date(2023, 13, 1, 0, 0, 0, 0, UTC).format('2006-01-02')).toBe(
      '2024-01-01',
    );
    expect(
      GoTime.date(2024, 3, 0, 25, 0, 0, 0, UTC).format('2006-01-02 15'),
    ).toBe('2024-03-01 01');
  });
});

describe('Go time parsing (time.Parse, time.ParseInLocation with Local = UTC)', () => {
  const parse = (layout: string, value: string) =>
    parseInLocation(layout, value).toString();

  it('follows the time.Parse package example', () => {
    expect(
      parse('Jan 2, 2006 at 3:04pm (MST)', 'Feb 3, 2013 at 7:54pm (PST)'),
    ).toBe('2013-02-03 19:54:00 +0000 PST');
    expect(parse('2006-Jan-02', '2013-Feb-03')).toBe(
      '2013-02-03 00:00:00 +0000 UTC',
    );
    const rfc3339 = '2006-01-02T15:04:05Z07:00';
    expect(parse(rfc3339, '2006-01-02T15:04:05Z')).toBe(
      '2006-01-02 15:04:05 +0000 UTC',
    );
    expect(parse(rfc3339, '2006-01-02T15:04:05+07:00')).toBe(
      '2006-01-02 15:04:05 +0700 +0700',
    );
    expect(() => parse(rfc3339, rfc3339)).toThrow(
      'parsing time "2006-01-02T15:04:05Z07:00": extra text: "07:00"',
    );
  });

  it('keeps the instant of an offset and the wall clock of an unknown abbreviation', () => {
    const t = parseInLocation(
      '2006-01-02 15:04 -0700',
      '2024-03-05 10:00 +0200',
    );
    expect(t.in(UTC).format('15:04')).toBe('08:00');
    // An offset that Local (UTC) has at that instant takes Local's zone.
    expect(parse('2006-01-02 15:04 -0700', '2024-03-05 10:00 +0000')).toBe(
      '2024-03-05 10:00:00 +0000 UTC',
    );
    // The Time.Format example: PST is unknown to a UTC Local, so offset 0.
    const pst = parseInLocation(
      'Mon Jan _2 15:04:05 MST 2006',
      'Wed Feb 25 11:06:39 PST 2015',
    );
    expect(pst.toString()).toBe('2015-02-25 11:06:39 +0000 PST');
    expect(pst.in(UTC).format('Mon Jan _2 15:04:05 MST 2006')).toBe(
      'Wed Feb 25 11:06:39 UTC 2015',
    );
  });

  it('accepts fractional seconds after the seconds even when the layout has none', () => {
    const t = parseInLocation(
      '2006-01-02 15:04:05',
      '2024-01-01 10:11:12.345678',
    );
    expect(t.nsec).toBe(345_678_000);
    expect(parseInLocation('15:04:05.000', '10:11:12.250').nsec).toBe(
      250_000_000,
    );
    expect(() => parseInLocation('15:04:05.000', '10:11:12.25')).toThrow(
      'cannot parse ".25" as ".000"',
    );
  });

  it('reads two-digit years, day-of-year, 12-hour clocks and names in any case', () => {
    expect(parse('02 Jan 06', '05 Mar 69')).toBe(
      '1969-03-05 00:00:00 +0000 UTC',
    );
    expect(parse('02 Jan 06', '05 mar 68')).toBe(
      '2068-03-05 00:00:00 +0000 UTC',
    );
    expect(parse('2006 002', '2024 060')).toBe('2024-02-29 00:00:00 +0000 UTC');
    expect(parse('2006 __2', '2023  60')).toBe('2023-03-01 00:00:00 +0000 UTC');
    expect(parse('2006-01-02 3:04PM', '2024-01-01 12:30AM')).toBe(
      '2024-01-01 00:30:00 +0000 UTC',
    );
    expect(parse('Monday 2006-01-02', 'friday 2024-01-05')).toBe(
      '2024-01-05 00:00:00 +0000 UTC',
    );
  });

  it('fails with Go ParseError messages', () => {
    expect(() => parse('2006-01-02', 'bad')).toThrow(
      'parsing time "bad" as "2006-01-02": cannot parse "bad" as "2006"',
    );
    expect(() => parse('2006-01-02', '2006-1-02')).toThrow(
      'parsing time "2006-1-02" as "2006-01-02": cannot parse "1-02" as "01"',
    );
    expect(() => parse('2006-01-02', '2023-02-30')).toThrow(
      'parsing time "2023-02-30": day out of range',
    );
    expect(() => parse('2006-01-02', '2023-13-01')).toThrow(
      'parsing time "2023-13-01": month out of range',
    );
    expect(() => parse('15:04 -0700', '10:00 +2500')).toThrow(
      'parsing time "10:00 +2500": time zone offset hour out of range',
    );
    expect(() => parse('2006 002', '2023 366')).toThrow(
      'parsing time "2023 366": day-of-year out of range',
    );
  });
});

describe('time zones (time.LoadLocation)', () => {
  const at = (iso: string) =>
    GoTime.fromUnixNano(BigInt(Date.parse(iso)) * 1_000_000n);

  it('uses IANA zones with their offsets and daylight saving time', () => {
    const ny = loadLocation('America/New_York')!;
    expect(at('2024-01-15T12:00:00Z').in(ny).format('15:04 MST -0700')).toBe(
      '07:00 EST -0500',
    );
    expect(at('2024-07-15T12:00:00Z').in(ny).format('15:04 MST -0700')).toBe(
      '08:00 EDT -0400',
    );
    const berlin = loadLocation('Europe/Berlin')!;
    expect(at('2024-01-15T12:00:00Z').in(berlin).format('15:04 MST')).toBe(
      '13:00 CET',
    );
    const kolkata = loadLocation('Asia/Kolkata')!;
    expect(at('2024-01-15T12:00:00Z').in(kolkata).format('15:04 Z07:00')).toBe(
      '17:30 +05:30',
    );
  });

  it('knows UTC, Local and "" and no names Go would not find', () => {
    expect(loadLocation('')).toBe(UTC);
    expect(loadLocation('UTC')).toBe(UTC);
    expect(loadLocation('Local')?.name).toBe('Local');
    expect(loadLocation('Nowhere/Else')).toBeUndefined();
    expect(loadLocation('+05:00')).toBeUndefined();
    // Go opens zone files by exact name.
    expect(loadLocation('america/new_york')).toBeUndefined();
  });
});
