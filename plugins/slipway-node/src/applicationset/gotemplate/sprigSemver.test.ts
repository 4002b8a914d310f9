import { renderGoTemplate } from '.';

const render = (t: string, data: unknown = {}) => renderGoTemplate(t, data);

type Row = [constraint: string, version: string, satisfied: boolean];

/** The rows with the satisfied column as semverCompare computes it. */
const checked = (rows: Row[]): Row[] =>
  rows.map(([c, v]) => [
    c,
    v,
    render('{{ semverCompare .c .v }}', { c, v }) === 'true',
  ]);

describe('semver (sprig docs: semver.md)', () => {
  it('parses a version whose parts are fields of the result', () => {
    const t =
      '{{ $v := semver "1.2.3-alpha.1+123" }}{{ $v.Major }}|{{ $v.Minor }}|{{ $v.Patch }}|{{ $v.Prerelease }}|{{ $v.Metadata }}|{{ $v.Original }}';
    expect(render(t)).toBe('1|2|3|alpha.1|123|1.2.3-alpha.1+123');
    expect(render('{{ (semver "1.2.3-alpha").Major }}')).toBe('1');
    expect(render('{{ add1 (semver "4.1.0").Major }}')).toBe('5');
  });

  it('coerces a leading v and missing parts, and prints the normalized version', () => {
    expect(render('{{ semver "v1.2" }}')).toBe('1.2.0');
    expect(render('{{ (semver "v1.2").Original }}')).toBe('v1.2');
    expect(render('{{ semver "3" | toString }}')).toBe('3.0.0');
    expect(render('{{ semver "1.2.3+build.5" | toJson }}')).toBe(
      '"1.2.3+build.5"',
    );
    expect(render('{{ typeOf (semver "1.0.0") }}')).toBe('*semver.Version');
  });

  it('compares versions with Compare: -1 when the argument is greater (sprig docs)', () => {
    expect(render('{{ semver "1.4.3" | (semver "1.2.3").Compare }}')).toBe(
      '-1',
    );
    expect(render('{{ (semver "1.2.3").Compare (semver "1.2.3+meta") }}')).toBe(
      '0',
    );
    expect(
      render('{{ (semver "2.0.0").GreaterThan (semver "2.0.0-rc.1") }}'),
    ).toBe('true');
    expect(
      render(
        '{{ (semver "1.0.0-alpha.10").LessThan (semver "1.0.0-alpha.9") }}',
      ),
    ).toBe('false');
    expect(render('{{ ((semver "v1.2.3-rc.1").IncPatch).Original }}')).toBe(
      'v1.2.3',
    );
    expect(render('{{ (semver "1.2.3").IncMinor }}')).toBe('1.3.0');
  });

  it('fails on invalid versions, naming them', () => {
    expect(() => render('{{ semver "1.2.3.4" }}')).toThrow(
      'error calling semver: invalid semantic version "1.2.3.4"',
    );
    expect(() => render('{{ semver "1.2.3-01" }}')).toThrow(
      'version segment starts with 0',
    );
  });
});

describe('semverCompare (Masterminds/semver v3 constraints)', () => {
  it('checks exact versions and carets (sprig docs)', () => {
    const rows: Row[] = [
      ['1.2.3', '1.2.3', true],
      ['^1.2.0', '1.2.3', true],
      ['^1.2.0', '1.3.0', true],
      ['^1.2.0', '2.0.0', false],
    ];
    expect(checked(rows)).toEqual(rows);
  });

  it('combines comparisons with "," or spaces (AND) and "||" (OR)', () => {
    const rows: Row[] = [
      ['>= 1.2, < 3.0.0 || >= 4.2.3', '1.2.0', true],
      ['>= 1.2, < 3.0.0 || >= 4.2.3', '3.0.0', false],
      ['>= 1.2, < 3.0.0 || >= 4.2.3', '4.2.3', true],
      ['>=1.1 <2 !=1.2.3', '1.2.3', false],
      ['>=1.1 <2 !=1.2.3', '1.2.4', true],
      ['>= 1.1, <2, != 1.2.3 || >= 3', '3.0.0', true],
      ['> 1.1, <     2', '1.1.1', false],
      ['=2.0', '2.0.1', true],
      ['=> 1.2', '1.2.0', true],
      ['=< 1.2', '1.2.9', true],
    ];
    expect(checked(rows)).toEqual(rows);
  });

  it('reads hyphen ranges as >= and <= (README)', () => {
    const rows: Row[] = [
      ['1.2 - 1.4.5', '1.2.0', true],
      ['1.2 - 1.4.5', '1.4.5', true],
      ['1.2 - 1.4.5', '1.4.6', false],
      ['2.3.4 - 4.5', '4.5.9', true],
      ['2.3.4 - 4.5', '4.6.0', false],
      // Without spaces around "-" it is a prerelease, not a range.
      ['1.1-3', '4.3.2', false],
    ];
    expect(checked(rows)).toEqual(rows);
  });

  it('expands x, X and * wildcards (README)', () => {
    const rows: Row[] = [
      ['1.2.x', '1.2.9', true],
      ['1.2.x', '1.3.0', false],
      ['>= 1.2.x', '1.2.0', true],
      ['>= 1.2.x', '9.0.0', true],
      ['<= 2.x', '2.9.9', true],
      ['<= 2.x', '3.0.0', false],
      ['*', '0.0.0', true],
      ['*', '4.5.6', true],
      ['2.*', '2.1.1', true],
      ['2.*', '3.4.5', false],
      ['!=4.x', '4.1.0', false],
      ['!=4.x', '5.1.0', true],
      ['<1.1.x', '1.1.500', false],
    ];
    expect(checked(rows)).toEqual(rows);
  });

  it('treats ~ as patch-level ranges (README)', () => {
    const rows: Row[] = [
      ['~1.2.3', '1.2.3', true],
      ['~1.2.3', '1.2.9', true],
      ['~1.2.3', '1.3.0', false],
      ['~1', '1.9.9', true],
      ['~1', '2.0.0', false],
      ['~2.3', '2.3.9', true],
      ['~2.3', '2.4.0', false],
      ['~1.2.x', '1.2.5', true],
      ['~1.x', '1.5.0', true],
      ['~>1.2', '1.2.7', true],
      ['~*', '2.1.1', true],
    ];
    expect(checked(rows)).toEqual(rows);
  });

  it('treats ^ as major-level ranges, minor then patch below 1.0.0 (README)', () => {
    const rows: Row[] = [
      ['^1.2.3', '1.9.9', true],
      ['^1.2.3', '2.0.0', false],
      ['^1.2.3', '1.2.2', false],
      ['^1.2.x', '1.2.0', true],
      ['^2.3', '2.9.0', true],
      ['^2.x', '3.0.0', false],
      ['^0.2.3', '0.2.9', true],
      ['^0.2.3', '0.3.0', false],
      ['^0.2', '0.2.0', true],
      ['^0.0.3', '0.0.3', true],
      ['^0.0.3', '0.0.4', false],
      ['^0.0.3', '0.1.3', false],
      ['^0.0', '0.0.9', true],
      ['^0.0', '0.1.0', false],
      ['^0', '0.9.9', true],
      ['^0', '1.0.0', false],
    ];
    expect(checked(rows)).toEqual(rows);
  });

  it('skips prereleases unless the AND group names one (README, Masterminds v3.3)', () => {
    const rows: Row[] = [
      ['>=1.2.3', '1.2.4-beta.1', false],
      ['>=1.2.3-0', '1.2.4-beta.1', true],
      ['*', '1.2.3-alpha.1', false],
      ['*-0', '1.2.3-alpha.1', true],
      ['^1.2.0-alpha.0', '1.2.1-alpha.1', true],
      ['^1.2.0-alpha.2', '1.2.0-alpha.1', false],
      ['~1.2.3-beta.2', '1.2.4-beta.2', true],
      // One prerelease in the group opts the whole group in.
      ['>=1.2.3-alpha, <2', '1.5.0-beta', true],
      ['>=1.2.3-alpha || <2', '1.5.0-beta', true],
      ['<2 || >=3.0.0-rc.1', '1.5.0-beta', false],
      // ASCII order: A-Z sort before a-z.
      ['>=1.2.3-BETA', '1.2.3-alpha', true],
    ];
    expect(checked(rows)).toEqual(rows);
  });

  it('accepts a leading v in constraints and versions', () => {
    const rows: Row[] = [
      ['>= v1.2.3', 'v1.3.0', true],
      ['v1.2', '1.2.4', true],
    ];
    expect(checked(rows)).toEqual(rows);
  });

  it('fails on an invalid constraint or version, naming it', () => {
    expect(() => render('{{ semverCompare ">= 1.x.y" "1.2.3" }}')).toThrow(
      'error calling semverCompare: improper constraint: >= 1.x.y',
    );
    expect(() => render('{{ semverCompare "" "1.2.3" }}')).toThrow(
      'improper constraint: ',
    );
    expect(() => render('{{ semverCompare "12.3.4.1234" "1.2.3" }}')).toThrow(
      'improper constraint: 12.3.4.1234',
    );
    expect(() => render('{{ semverCompare "^1" "one.two" }}')).toThrow(
      'error calling semverCompare: invalid semantic version "one.two"',
    );
  });
});
