import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { findJsonnetImports, JsonnetLexError } from './jsonnetImports';
import { testTools, tmpDir } from './__fixtures__/repos';

const execFileAsync = promisify(execFile);

/** Code that mentions imports in every place that is not code, and imports for real in every form. */
const TRICKY = [
  '# import "hash-comment.libsonnet"',
  '// import "line-comment.libsonnet"',
  '/* import "block-comment.libsonnet"',
  '   still a comment */',
  'local texts = [',
  '  "import \\"in-a-string.libsonnet\\"",',
  "  'import \\'in-single-quotes.libsonnet\\'',",
  "  @'import ''in-verbatim.libsonnet''',",
  '  |||',
  '    import "in-a-text-block.libsonnet"',
  '',
  '    |||  is text while indented',
  '  |||,',
  '];',
  'local a = import "a.libsonnet";',
  "local b = import /* between */ 'b.libsonnet';",
  "local c = import @'c.libsonnet';",
  'local d = importstr "d\\u002etxt";',
  '{ texts: texts, a: a, b: b, c: c, d: d }',
  '',
].join('\n');

describe('findJsonnetImports', () => {
  it('finds the imports of code and nothing in comments, strings or text blocks', () => {
    expect(findJsonnetImports(TRICKY)).toEqual([
      { kind: 'import', path: 'a.libsonnet', line: 15 },
      { kind: 'import', path: 'b.libsonnet', line: 16 },
      { kind: 'import', path: 'c.libsonnet', line: 17 },
      { kind: 'importstr', path: 'd.txt', line: 18 },
    ]);
  });

  it('agrees with the jsonnet binary about what is code', async () => {
    const dir = await tmpDir('slipway-jsonnet-lex-');
    await fs.promises.writeFile(path.join(dir, 'main.jsonnet'), TRICKY);
    for (const name of ['a', 'b', 'c']) {
      await fs.promises.writeFile(path.join(dir, `${name}.libsonnet`), `'${name}'`);
    }
    await fs.promises.writeFile(path.join(dir, 'd.txt'), 'd');
    const { jsonnet } = await testTools();
    expect(jsonnet).toBeDefined();

    const { stdout } = await execFileAsync(jsonnet!, [path.join(dir, 'main.jsonnet')]);

    // the files named only in comments, strings and text blocks do not exist: jsonnet never opened them
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ a: 'a', b: 'b', c: 'c', d: 'd' });
    expect(result.texts).toEqual([
      'import "in-a-string.libsonnet"',
      "import 'in-single-quotes.libsonnet'",
      "import 'in-verbatim.libsonnet'",
      'import "in-a-text-block.libsonnet"\n\n|||  is text while indented\n',
    ]);
  });

  it('reads chomped text blocks and keywords only as whole words', () => {
    const source = [
      'local s = |||-',
      '  import "no.libsonnet"',
      '|||;',
      "local myimport = 'x';",
      "local y = importstr 'y.txt';",
      "{ importstrx: myimport, z: importbin 'z.bin' }",
    ].join('\n');
    expect(findJsonnetImports(source).map(i => `${i.kind} ${i.path}`)).toEqual(['importstr y.txt', 'importbin z.bin']);
  });

  it('ignores what jsonnet refuses to import: computed paths and text blocks', () => {
    expect(findJsonnetImports("import ('a' + 'b')")).toEqual([]);
    expect(findJsonnetImports('import |||\n  x\n|||')).toEqual([]);
  });

  it('reports text jsonnet cannot tokenize, with its line', () => {
    const cases: Array<[string, RegExp, number]> = [
      ['{\n  a: "open', /string is not closed/, 2],
      ["{\n\n  a: @'open", /verbatim string is not closed/, 3],
      ['/* never closed', /comment is not closed/, 1],
      ['local x = "\\q";', /unknown escape sequence "\\q"/, 1],
      ['local x = |||\n  text\n', /text block is not closed/, 1],
      ['local x = ||| text\n|||', /needs a line break/, 1],
      ['local x = |||\nno indent\n|||', /needs its first line indented/, 1],
    ];
    for (const [source, message, line] of cases) {
      let error: unknown;
      try {
        findJsonnetImports(source);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JsonnetLexError);
      expect((error as JsonnetLexError).message).toMatch(message);
      expect((error as JsonnetLexError).line).toBe(line);
    }
  });
});
