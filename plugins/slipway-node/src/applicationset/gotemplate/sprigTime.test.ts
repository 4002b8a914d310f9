import { renderGoTemplate } from '.';
import { setTemplateClock } from './sprigTime';

const render = (t: string, data: unknown = {}) => renderGoTemplate(t, data);

// The clock reads Tuesday 2024-03-05 14:07:09.123456789 UTC.
const NOW_NS = 1_709_647_629_123_456_789n;

beforeEach(() => setTemplateClock(() => NOW_NS));
afterAll(() => setTemplateClock());

describe('Sprig date functions (sprig docs: date.md)', () => {
  it('now | date formats the current time with a Go layout in Local (UTC in Argo CD)', () => {
    expect(render('{{ now | date "2006-01-02" }}')).toBe('2024-03-05');
    expect(render('{{ now | date "Mon Jan 2 15:04:05 MST 2006" }}')).toBe(
      'Tue Mar 5 14:07:09 UTC 2024',
    );
    expect(render('{{ date "Jan _2 03:04:05.000 PM" now }}')).toBe(
      'Mar  5 02:07:09.123 PM',
    );
  });

  it('date also takes int seconds since the epoch; any other value means now', () => {
    expect(render('{{ date "2006-01-02T15:04:05Z07:00" 1700000000 }}')).toBe(
      '2023-11-14T22:13:20Z',
    );
    expect(render('{{ 0 | date "2006-01-02" }}')).toBe('1970-01-01');
    // sprig switches on Go types: a float64 from JSON data is not a time.
    expect(render('{{ date "2006" .created }}', { created: 1e9 })).toBe('2024');
    expect(render('{{ date "2006" "2001-09-09" }}')).toBe('2024');
  });

  it('dateInZone and htmlDateInZone use IANA zones; an unknown zone is UTC', () => {
    expect(
      render(
        '{{ dateInZone "2006-01-02 15:04 MST" (now) "America/New_York" }}',
      ),
    ).toBe('2024-03-05 09:07 EST');
    expect(render('{{ date_in_zone "15:04 -07:00" (now) "Asia/Tokyo" }}')).toBe(
      '23:07 +09:00',
    );
    expect(render('{{ dateInZone "15:04 MST" (now) "Mars/Olympus" }}')).toBe(
      '14:07 UTC',
    );
    expect(render('{{ htmlDateInZone (now) "Pacific/Kiritimati" }}')).toBe(
      '2024-03-06',
    );
    expect(render('{{ now | htmlDate }}')).toBe('2024-03-05');
  });

  it('toDate parses with a layout (zero time when it cannot); mustToDate fails instead', () => {
    expect(
      render('{{ toDate "2006-01-02" "2017-12-31" | date "02/01/2006" }}'),
    ).toBe('31/12/2017');
    expect(render('{{ toDate "2006-01-02" "31.12.2017" }}')).toBe(
      '0001-01-01 00:00:00 +0000 UTC',
    );
    expect(render('{{ toDate "2006-01-02" "nope" | unixEpoch }}')).toBe(
      '-62135596800',
    );
    expect(() => render('{{ mustToDate "2006-01-02" "31.12.2017" }}')).toThrow(
      'error calling mustToDate: parsing time "31.12.2017" as "2006-01-02": cannot parse "31.12.2017" as "2006"',
    );
    expect(
      render(
        '{{ mustToDate "2006-01-02T15:04:05Z07:00" "2024-03-05T10:00:00+02:00" | date "15:04" }}',
      ),
    ).toBe('08:00');
  });

  it('unixEpoch gives the seconds of a time and rejects anything else', () => {
    expect(render('{{ now | unixEpoch }}')).toBe('1709647629');
    expect(() => render('{{ unixEpoch 5 }}')).toThrow(
      'wrong type for value; expected time.Time; got int',
    );
  });

  it('dateModify adds a Go duration; a bad one leaves the date (mustDateModify fails)', () => {
    expect(render('{{ now | dateModify "-1.5h" | date "15:04" }}')).toBe(
      '12:37',
    );
    expect(render('{{ now | date_modify "30m" | date "15:04" }}')).toBe(
      '14:37',
    );
    expect(render('{{ now | dateModify "1 day" | date "15:04" }}')).toBe(
      '14:07',
    );
    expect(() => render('{{ now | mustDateModify "1 day" }}')).toThrow(
      'error calling mustDateModify: time: unknown unit " day" in duration "1 day"',
    );
  });

  it('ago is the time since, rounded to seconds, as a Go duration', () => {
    expect(render('{{ now | dateModify "-2h34m7.6s" | ago }}')).toBe('2h34m8s');
    expect(render('{{ ago 1709647000 }}')).toBe('10m29s');
    expect(render('{{ ago "yesterday" }}')).toBe('0s');
  });

  it('duration formats seconds; durationRound keeps the largest unit', () => {
    expect(render('{{ duration 95 }} {{ duration "95" }}')).toBe('1m35s 1m35s');
    expect(render('{{ duration "3600" }} {{ duration "x" }}')).toBe(
      '1h0m0s 0s',
    );
    // sprig has no float64 case.
    expect(render('{{ duration .s }}', { s: 95 })).toBe('0s');
    expect(render('{{ durationRound "2h10m5s" }}')).toBe('2h');
    expect(render('{{ durationRound "2400h10m5s" }}')).toBe('3mo');
    expect(render('{{ durationRound "9000h" }}')).toBe('1y');
    expect(render('{{ durationRound "-36h" }}')).toBe('1d');
    expect(render('{{ durationRound "1s" }} {{ durationRound "bad" }}')).toBe(
      '0s 0s',
    );
    expect(render('{{ now | dateModify "-90m" | durationRound }}')).toBe('1h');
  });
});

describe('time values in templates', () => {
  it('print as time.Time.String and encode as RFC 3339 in toJson', () => {
    expect(render('{{ now }}')).toBe('2024-03-05 14:07:09.123456789 +0000 UTC');
    expect(render('{{ now | toJson }}')).toBe(
      '"2024-03-05T14:07:09.123456789Z"',
    );
    expect(render('{{ typeOf now }} {{ kindOf now }}')).toBe(
      'time.Time struct',
    );
  });

  it('expose methods as fields and calls: Year, Format, Unix, AddDate, Before', () => {
    expect(render('{{ (now).Year }}-{{ (now).YearDay }}')).toBe('2024-65');
    expect(render('{{ (now).Format "Jan 2" }}')).toBe('Mar 5');
    expect(render('{{ $t := now }}{{ $t.Unix }}')).toBe('1709647629');
    expect(render('{{ ((now).AddDate 0 1 0).Format "2006-01-02" }}')).toBe(
      '2024-04-05',
    );
    expect(render('{{ (now).Before (now | dateModify "1s") }}')).toBe('true');
    expect(render('{{ with now }}{{ .Hour }}:{{ .Minute }}{{ end }}')).toBe(
      '14:7',
    );
  });

  it('report unknown methods and wrong argument counts as text/template does', () => {
    expect(() => render('{{ (now).Nope }}')).toThrow(
      "can't evaluate field Nope in type time.Time",
    );
    expect(() => render('{{ (now).Format }}')).toThrow(
      'wrong number of args for Format: want 1 got 0',
    );
    expect(() => render('{{ (now).Before 5 }}')).toThrow(
      'wrong type for value; expected time.Time; got int',
    );
  });
});
