import { renderGoTemplate } from '.';

const render = (t: string, data: unknown = {}) => renderGoTemplate(t, data);

/** Renders a template many times, for properties of random output. */
const draws = (t: string, n = 200) =>
  Array.from({ length: n }, () => render(t));

describe('Sprig random functions (sprig docs: strings.md, uuid.md, math.md)', () => {
  it('randAlphaNum, randAlpha, randNumeric and randAscii give n characters of their set', () => {
    for (const s of draws('{{ randAlphaNum 12 }}'))
      expect(s).toMatch(/^[A-Za-z0-9]{12}$/);
    for (const s of draws('{{ randAlpha 12 }}'))
      expect(s).toMatch(/^[A-Za-z]{12}$/);
    for (const s of draws('{{ randNumeric 12 }}'))
      expect(s).toMatch(/^\d{12}$/);
    for (const s of draws('{{ randAscii 12 }}'))
      expect(s).toMatch(/^[\x20-\x7e]{12}$/);
    // goutils rejects a negative count; sprig drops the error.
    expect(render('{{ randAlpha 0 }}|{{ randAlpha -3 }}')).toBe('|');
  });

  it('draws from the whole set: 62 alphanumerics, 52 letters, 10 digits, 95 printable ASCII', () => {
    const alphabet = (t: string) => new Set(draws(t, 40).join('')).size;
    expect(alphabet('{{ randAlphaNum 100 }}')).toBe(62);
    expect(alphabet('{{ randAlpha 100 }}')).toBe(52);
    expect(alphabet('{{ randNumeric 100 }}')).toBe(10);
    expect(alphabet('{{ randAscii 200 }}')).toBe(95);
    expect(new Set(draws('{{ randAlphaNum 16 }}', 20)).size).toBe(20);
  });

  it('randInt gives min <= n < max and fails when max <= min', () => {
    const values = draws('{{ randInt 5 8 }}', 300).map(Number);
    expect(new Set(values)).toEqual(new Set([5, 6, 7]));
    expect(render('{{ randInt -3 -2 }}')).toBe('-3');
    expect(render('{{ add (randInt 0 10) 100 | typeOf }}')).toBe('int');
    expect(() => render('{{ randInt 5 5 }}')).toThrow(
      'error calling randInt: invalid argument to Intn',
    );
  });

  it('uuidv4 gives distinct version 4 UUIDs', () => {
    const ids = draws('{{ uuidv4 }}', 50);
    for (const id of ids)
      expect(id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    expect(new Set(ids).size).toBe(50);
  });

  it('shuffle permutes the runes of a string', () => {
    const sorted = (s: string) => [...s].sort().join('');
    const outs = draws('{{ shuffle "hello, wörld" }}', 100);
    for (const s of outs) expect(sorted(s)).toBe(sorted('hello, wörld'));
    expect(new Set(outs).size).toBeGreaterThan(1);
  });

  it('randBytes gives base64 of n random bytes', () => {
    const out = render('{{ randBytes 24 }}');
    expect(Buffer.from(out, 'base64')).toHaveLength(24);
  });
});

describe('Sprig hashes', () => {
  it('sha512sum, sha256sum and adler32sum give hex and decimal digests', () => {
    // FIPS 180-2 test vector for "abc".
    expect(render('{{ sha512sum "abc" }}')).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    expect(render('{{ "abc" | sha256sum }}')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(render('{{ adler32sum "Wikipedia" }}')).toBe('300286872');
  });
});

describe("Argo CD's exclusions from Sprig", () => {
  it('has no env, expandenv or getHostByName', () => {
    for (const fn of ['env "HOME"', 'expandenv "$HOME"', 'getHostByName "x"'])
      expect(() => render(`{{ ${fn} }}`)).toThrow(
        `function "${fn.split(' ')[0]}" not defined`,
      );
  });
});
