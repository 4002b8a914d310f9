import { directoryMatcher, fileMatcher } from './globs';

describe('git generator path patterns', () => {
  it("match directories as Go's path.Match: wildcards stay within a segment", () => {
    const match = directoryMatcher('apps/*');
    expect(match('apps/web')).toBe(true);
    expect(match('apps/web/extra')).toBe(false);
    expect(directoryMatcher('apps/**')('apps/web')).toBe(true);
    expect(directoryMatcher('apps/[!w]*')('apps/web')).toBe(false);
  });

  it('match files with doublestar: ** as a segment takes any number of folders, braces give alternatives', () => {
    const match = fileMatcher('**/{config,values}.json', 'doublestar');
    expect(match('config.json')).toBe(true);
    expect(match('a/b/values.json')).toBe(true);
    expect(match('a/b/other.json')).toBe(false);
    expect(
      fileMatcher('apps/*/config.json', 'doublestar')('apps/a/b/config.json'),
    ).toBe(false);
  });

  it('answer patterns made to backtrack without stalling, whichever matching is used', () => {
    const pattern = `${'*a'.repeat(30)}b`;
    const path = 'a'.repeat(60);
    expect(directoryMatcher(pattern)(path)).toBe(false);
    expect(fileMatcher(pattern, 'legacy')(path)).toBe(false);
    expect(fileMatcher(pattern, 'doublestar')(path)).toBe(false);
    expect(
      fileMatcher(`${'**/'.repeat(20)}x`, 'doublestar')(`${'a/'.repeat(40)}y`),
    ).toBe(false);
  });
});
