import { parseArgs } from './cliArgs';

describe('parseArgs', () => {
  it('reads --corpus, --lua-dir and --diff-corpus, with or without =', () => {
    expect(
      parseArgs([
        '--',
        '--corpus',
        'c',
        '--',
        '--lua-dir=l',
        '--diff-corpus',
        'd',
      ]),
    ).toEqual({
      corpus: 'c',
      luaDir: 'l',
      diffCorpus: 'd',
    });
  });

  it('rejects unknown flags and missing values with a usage hint', () => {
    expect(() => parseArgs(['--nope'])).toThrow(/Usage/);
    expect(() => parseArgs(['--corpus'])).toThrow(/needs a folder/);
  });
});
