import { expandBraces, wildcardMatcher } from './wildcardMatcher';

const matches = (pattern: string, text: string) =>
  wildcardMatcher(pattern)(text);

describe('wildcardMatcher', () => {
  it('matches * across slashes, ? as one character, classes and escapes, over the whole text', () => {
    expect(matches('conf/*.json', 'conf/sub/two.json')).toBe(true);
    expect(matches('*', '')).toBe(true);
    expect(matches('c?nf/*', 'conf/x')).toBe(true);
    expect(matches('c?nf', 'conf/x')).toBe(false);
    expect(matches('d[0-9]/f.yaml', 'd1/f.yaml')).toBe(true);
    expect(matches('d[!0-9]/f.yaml', 'd1/f.yaml')).toBe(false);
    expect(matches('d[^0-9]/f.yaml', 'dA/f.yaml')).toBe(true);
    expect(matches('d[[:digit:]]/x', 'd7/x')).toBe(true);
    expect(matches('[]a]', ']')).toBe(true);
    expect(matches('a\\*b', 'a*b')).toBe(true);
    expect(matches('a\\*b', 'axb')).toBe(false);
    expect(matches('Deploy*', 'Deployment')).toBe(true);
    expect(matches('é?', 'éa')).toBe(true);
    expect(() => wildcardMatcher('a[b')).toThrow(
      'malformed pattern "a[b": unclosed "["',
    );
  });

  it('answers a pattern of many stars against a long text without backtracking for ever', () => {
    const pattern = `${'*a'.repeat(40)}b`;
    expect(matches(pattern, 'a'.repeat(200))).toBe(false);
  });
});

describe('expandBraces', () => {
  it("expands gobwas/glob's alternatives, nested ones too", () => {
    expect(expandBraces('{Deployment,StatefulSet}')).toEqual([
      'Deployment',
      'StatefulSet',
    ]);
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
    expect(expandBraces('{,apps}')).toEqual(['', 'apps']);
    expect(expandBraces('no\\{brace}')).toEqual(['no\\{brace}']);
    expect(() =>
      expandBraces('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}'),
    ).toThrow(/more than 256 alternatives/);
  });
});
