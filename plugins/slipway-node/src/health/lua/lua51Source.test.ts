import {
  adaptLua51Source,
  CONCAT_HELPER,
  GOTO_NAME,
  MOD_HELPER,
  TABLE_HELPER,
  tokenize,
} from './lua51Source';

const cat = (...operands: string[]) =>
  `${CONCAT_HELPER}(${operands.join(',')})`;

describe('adaptLua51Source', () => {
  it('rewrites a .. b into a call of the concat helper', () => {
    expect(adaptLua51Source('x = a .. b').source).toBe(
      `x = ${cat('a ', ' b')}`,
    );
  });

  it('keeps .. right-associative and below arithmetic', () => {
    expect(adaptLua51Source('x = a .. b .. c').source).toBe(
      `x = ${cat('a ', ' b ', ' c')}`,
    );
    expect(adaptLua51Source('x = n + 1 .. "/" .. t.total / 2').source).toBe(
      `x = ${cat('n + 1 ', ' "/" ', ' t.total / 2')}`,
    );
    expect(adaptLua51Source('x = a .. (b .. c)').source).toBe(
      `x = ${cat('a ', ` (${cat('b ', ' c')})`)}`,
    );
    expect(adaptLua51Source('if a .. b == c then end').source).toBe(
      `if ${cat('a ', ' b')} == c then end`,
    );
    expect(adaptLua51Source('x = (a .. b) .. f(c .. d)').source).toBe(
      `x = ${cat(`(${cat('a ', ' b')}) `, ` f(${cat('c ', ' d')})`)}`,
    );
  });

  it('finds .. in every kind of expression position', () => {
    const source = [
      'local t = { k = a .. b, [c .. d] = 1, e .. f }',
      'local function g(x) return x .. "!" end',
      'for i = 1, #("a" .. s) do print(i .. "") end',
      'obj:method("p" .. q)',
      'x = -n .. "" and not y .. ""',
    ].join('\n');
    const out = adaptLua51Source(source).source;
    expect(out.split(CONCAT_HELPER)).toHaveLength(10);
    expect(out.split('\n')).toHaveLength(5);
    expect(out).not.toContain('..');
  });

  it('rewrites a % b into a call of the mod helper, keeping precedence and parentheses', () => {
    expect(adaptLua51Source('x = a % b').source).toBe(
      `x = ${MOD_HELPER}(a , b)`,
    );
    expect(adaptLua51Source('x = (a) % (b) * c').source).toBe(
      `x = ${MOD_HELPER}((a) , (b)) * c`,
    );
    expect(adaptLua51Source('x = a * b % c % d').source).toBe(
      `x = ${MOD_HELPER}(${MOD_HELPER}(a * b , c) , d)`,
    );
    expect(adaptLua51Source('x = "%d" .. n % 2 -- 50%').source).toBe(
      `x = ${cat('"%d" ', ` ${MOD_HELPER}(n , 2)`)} -- 50%`,
    );
  });

  it('keeps line breaks so that errors name the same lines', () => {
    const source = 'x = a ..\n  -- a comment\n  b\ny = 1';
    const out = adaptLua51Source(source).source;
    expect(out.split('\n')).toHaveLength(4);
    expect(out.split('\n')[3]).toBe('y = 1');
  });

  it('leaves .. inside strings and comments alone', () => {
    const source = 'x = "a .. b" -- c .. d\ny = [[e .. f]] --[==[ g .. h ]==]';
    expect(adaptLua51Source(source).source).toBe(source);
  });

  it('renames identifiers spelled goto, a plain name in Lua 5.1', () => {
    expect(adaptLua51Source('local goto = 1\nreturn t.goto').source).toBe(
      `local ${GOTO_NAME} = 1\nreturn t.${GOTO_NAME}`,
    );
  });

  it('returns a source that does not parse unchanged, with the reason', () => {
    const adapted = adaptLua51Source('x = a .. ');
    expect(adapted.source).toBe('x = a .. ');
    expect(adapted.unparsed).toBeDefined();
  });

  it('tells parenthesised operands from chained ones, past comments', () => {
    expect(adaptLua51Source('x = a .. (b) .. ((c))').source).toBe(
      `x = ${cat('a ', ' (b) ', ' ((c))')}`,
    );
    expect(
      adaptLua51Source('x = (a --[[ ) ]]) .. --[==[ ( ]==] -- (\n (b .. c)')
        .source,
    ).toBe(
      `x = ${cat(
        '(a --[[ ) ]]) ',
        ` --[==[ ( ]==] -- (\n (${cat('b ', ' c')})`,
      )}`,
    );
    expect(adaptLua51Source('x = f(a .. b) .. { c .. d }').source).toBe(
      `x = ${cat(
        `f(${cat('a ', ' b')}) `,
        ` ${TABLE_HELPER}({ ${cat('c ', ' d')} }, {})`,
      )}`,
    );
  });

  it('passes every table constructor to the table helper with its keys in source order', () => {
    expect(
      adaptLua51Source('t = { b = 1, ["a"] = 2, [k] = 3, 4, [5] = 6 }').source,
    ).toBe(
      `t = ${TABLE_HELPER}({ b = 1, ["a"] = 2, [k] = 3, 4, [5] = 6 }, {"b", "a", 5})`,
    );
    expect(adaptLua51Source('f{ x = { y = 1 } }\nf {}').source).toBe(
      `f(${TABLE_HELPER}({ x = ${TABLE_HELPER}({ y = 1 }, {"y"}) }, {"x"}))\nf (${TABLE_HELPER}({}, {}))`,
    );
  });

  it('rewrites scripts with labels and goto statements, which gopher-lua accepts', () => {
    const source =
      'for _, c in ipairs(cs) do\n  if c then goto continue end\n  m = m .. c\n  ::continue::\nend';
    expect(adaptLua51Source(source).source).toBe(
      source.replace('m .. c', cat('m ', ' c')),
    );
    expect(adaptLua51Source('x = 1;; y = a .. b').source).toBe(
      `x = 1;; y = ${cat('a ', ' b')}`,
    );
  });

  it('skips a first line starting with #', () => {
    expect(adaptLua51Source('#!/usr/bin/lua\nx = a .. b').source).toBe(
      `#!/usr/bin/lua\nx = ${cat('a ', ' b')}`,
    );
  });

  it('tokenizes long brackets, escapes and numbers', () => {
    const values = tokenize('a = [==[x]]y]==] .. "q\\"r" .. 0x1F .. 1.5e3').map(
      t => t.value,
    );
    expect(values).toEqual([
      'a',
      '=',
      '[==[x]]y]==]',
      '..',
      '"q\\"r"',
      '..',
      '0x1F',
      '..',
      '1.5e3',
      '<eof>',
    ]);
  });
});
