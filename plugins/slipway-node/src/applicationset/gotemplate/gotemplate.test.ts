import { renderGoTemplate } from '.';

const render = (t: string, data: unknown, options?: string[]) =>
  renderGoTemplate(t, data, { options });

describe('Go template syntax (text/template)', () => {
  it('substitutes fields, with or without spaces inside the braces', () => {
    // GoTemplate.md "Basic Go template usage": name '{{.cluster}}-guestbook'.
    expect(
      render('{{.cluster}}-guestbook', { cluster: 'engineering-dev' }),
    ).toBe('engineering-dev-guestbook');
    expect(
      render('{{ .cluster }}-guestbook', { cluster: 'engineering-dev' }),
    ).toBe('engineering-dev-guestbook');
  });

  it('reads nested maps with .path.basename style access and index for lists', () => {
    const data = {
      path: { path: 'apps/a', basename: 'a', segments: ['apps', 'a'] },
    };
    expect(render('{{.path.basename}}', data)).toBe('a');
    // "{{ path[n] }} becomes {{ index .path.segments n }}"
    expect(render('{{ index .path.segments 0 }}', data)).toBe('apps');
    // "{{ metadata.labels.my-label }} becomes {{ index .metadata.labels "my-label" }}"
    expect(
      render('{{ index .metadata.labels "my-label" }}', {
        metadata: { labels: { 'my-label': 'x' } },
      }),
    ).toBe('x');
  });

  it('prints "<no value>" for a missing key by default and fails with missingkey=error', () => {
    expect(render('{{.nope}}', {})).toBe('<no value>');
    expect(() => render('{{.nope}}', {}, ['missingkey=error'])).toThrow(
      /map has no entry for key "nope"/,
    );
    expect(() =>
      render('{{.a.nope}}', { a: {} }, ['missingkey=error']),
    ).toThrow(/<\.a\.nope>/);
  });

  it('fails on a field of a nil value and on a field of a string', () => {
    expect(() => render('{{.a.b}}', { a: null })).toThrow(
      /nil pointer evaluating interface \{\}\.b/,
    );
    expect(() => render('{{.a.b}}', { a: 'text' })).toThrow(
      /can't evaluate field b in type string/,
    );
  });

  it('handles if / else if / else with Go truth', () => {
    const t =
      '{{ if eq .env "prod" }}P{{ else if .debug }}D{{ else }}N{{ end }}';
    expect(render(t, { env: 'prod' })).toBe('P');
    expect(render(t, { env: 'dev', debug: true })).toBe('D');
    expect(render(t, { env: 'dev', debug: false })).toBe('N');
    expect(render('{{ if .l }}y{{ else }}n{{ end }}', { l: [] })).toBe('n');
    expect(render('{{ if .m }}y{{ else }}n{{ end }}', { m: {} })).toBe('n');
    expect(render('{{ if 0 }}y{{ else }}n{{ end }}', {})).toBe('n');
  });

  it('ranges over lists with index/value, over maps in key order, and takes else when empty', () => {
    expect(
      render('{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ end }}', {
        l: ['a', 'b'],
      }),
    ).toBe('0=a;1=b;');
    expect(
      render('{{ range $k, $v := .m }}{{ $k }}:{{ $v }} {{ end }}', {
        m: { b: '2', a: '1' },
      }),
    ).toBe('a:1 b:2 ');
    expect(
      render('{{ range .l }}{{ . }}{{ else }}none{{ end }}', { l: [] }),
    ).toBe('none');
    expect(
      render(
        '{{ range .l }}{{ if eq . "b" }}{{ break }}{{ end }}{{ . }}{{ end }}',
        { l: ['a', 'b', 'c'] },
      ),
    ).toBe('a');
    expect(
      render(
        '{{ range .l }}{{ if eq . "b" }}{{ continue }}{{ end }}{{ . }}{{ end }}',
        { l: ['a', 'b', 'c'] },
      ),
    ).toBe('ac');
  });

  it('with rebinds dot; variables are scoped and reassignable; $ is the root', () => {
    expect(
      render('{{ with .path }}{{ .basename }}{{ else }}none{{ end }}', {
        path: { basename: 'x' },
      }),
    ).toBe('x');
    expect(render('{{ with .missing }}x{{ else }}none{{ end }}', {})).toBe(
      'none',
    );
    expect(render('{{ $x := 1 }}{{ $x = add $x 2 }}{{ $x }}', {})).toBe('3');
    expect(
      render('{{ range .l }}{{ $.name }}-{{ . }} {{ end }}', {
        name: 'n',
        l: ['a'],
      }),
    ).toBe('n-a ');
    expect(() =>
      render('{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}', {}),
    ).toThrow(/undefined variable: \$y/);
  });

  it('trims whitespace with {{- and -}} and ignores comments', () => {
    expect(render('a  {{- "b" -}}  c', {})).toBe('abc');
    expect(render('a{{/* note */}}b', {})).toBe('ab');
  });

  it('passes the piped value as the last argument', () => {
    expect(
      render('{{ .name | lower | printf "%s-app" }}', { name: 'API' }),
    ).toBe('api-app');
    expect(render('{{ (index .l 1) | upper }}', { l: ['a', 'b'] })).toBe('B');
  });

  it('prints numbers as Go prints float64 and ints, and maps/lists in fmt form', () => {
    // sigs.k8s.io/yaml decodes numbers as float64: 1000000 prints as 1e+06 in Go.
    expect(render('{{ .n }}', { n: 1000000 })).toBe('1e+06');
    expect(render('{{ .n }}', { n: 3 })).toBe('3');
    expect(render('{{ .n }}', { n: 1.5 })).toBe('1.5');
    expect(render('{{ 1000000 }}', {})).toBe('1000000');
    expect(render('{{ .m }}', { m: { b: 1, a: 'x' } })).toBe('map[a:x b:1]');
    expect(render('{{ .l }}', { l: ['a', 'b'] })).toBe('[a b]');
  });

  it('reports syntax errors with their position', () => {
    expect(() => render('{{ if .x }}open', {})).toThrow(/missing \{\{end\}\}/);
    expect(() => render('{{ .a ', {})).toThrow(/unclosed action/);
    expect(() => render('{{ end }}', {})).toThrow(/unexpected \{\{end\}\}/);
    expect(() => render('{{ nosuchfn .a }}', { a: 1 })).toThrow(
      /function "nosuchfn" not defined/,
    );
    expect(() => render('{{ template "x" }}', {})).toThrow(/not supported/);
  });

  it('rejects unknown goTemplateOptions', () => {
    expect(() => render('x', {}, ['missingkey=maybe'])).toThrow(
      /goTemplateOptions/,
    );
  });

  it('bounds runaway output and loops', () => {
    expect(() =>
      renderGoTemplate(
        '{{ range until 100000 }}{{ range until 100000 }}x{{ end }}{{ end }}',
        {},
      ),
    ).toThrow(/exceed/);
  });
});

describe('template functions ApplicationSets use', () => {
  it('default, lower, upper, replace, trunc, trimPrefix, trimSuffix, quote', () => {
    expect(render('{{ default "main" .branch }}', {})).toBe('main');
    expect(render('{{ default "main" .branch }}', { branch: 'dev' })).toBe(
      'dev',
    );
    expect(render('{{ lower "AbC" }}{{ upper "x" }}', {})).toBe('abcX');
    expect(render('{{ replace "_" "-" .n }}', { n: 'a_b_c' })).toBe('a-b-c');
    expect(render('{{ trunc 5 .n }}', { n: 'abcdefgh' })).toBe('abcde');
    expect(
      render('{{ trimPrefix "refs/heads/" .n }}', { n: 'refs/heads/main' }),
    ).toBe('main');
    expect(render('{{ trimSuffix "-svc" .n }}', { n: 'api-svc' })).toBe('api');
    expect(render('{{ quote .n }}', { n: 'a"b' })).toBe('"a\\"b"');
  });

  it('toJson and toYaml serialize values with sorted keys', () => {
    expect(render('{{ toJson .v }}', { v: { b: [1, 'x'], a: true } })).toBe(
      '{"a":true,"b":[1,"x"]}',
    );
    expect(render('{{ toYaml .v }}', { v: { b: 'x', a: 1 } })).toBe(
      'a: 1\nb: x',
    );
  });

  it('eq/ne/and/or/not and printf', () => {
    expect(
      render('{{ and .a .b }}|{{ or .a .b }}|{{ not .a }}', { a: true, b: '' }),
    ).toBe('|true|false');
    expect(
      render('{{ if and (eq .x "1") (ne .y "2") }}y{{ end }}', {
        x: '1',
        y: '3',
      }),
    ).toBe('y');
    expect(render('{{ eq .x "a" "b" }}', { x: 'b' })).toBe('true');
    expect(render('{{ printf "%s-%d-%v-%q" "a" 7 true "q" }}', {})).toBe(
      'a-7-true-"q"',
    );
    expect(render('{{ printf "%05.1f" 3.14159 }}', {})).toBe('003.1');
  });

  it('normalize makes a DNS-safe name (GoTemplate.md)', () => {
    expect(render('{{ normalize .n }}', { n: 'My_Cluster.Prod/East' })).toBe(
      'my-cluster.prod-east',
    );
  });

  it('slugify sanitizes and smart-truncates (GoTemplate.md example arguments)', () => {
    const branch = 'feature/Add a very long branch name for testing';
    expect(render('{{ cat .branch | slugify }}', { branch })).toBe(
      'feature-add-a-very-long-branch-name-for-testing',
    );
    // maximum length 23 with smart truncation cuts at the last dash before it
    expect(render('{{ cat .branch | slugify 23 }}', { branch })).toBe(
      'feature-add-a-very-long',
    );
    expect(render('{{ cat .branch | slugify 20 false }}', { branch })).toBe(
      'feature-add-a-very-l',
    );
  });

  it('dig gives a fallback for unset parameters (GoTemplate.md "Fallbacks for unset parameters")', () => {
    const t = '{{.cluster}}{{dig "nameSuffix" "" .}}';
    expect(
      render(t, { cluster: 'engineering-dev' }, ['missingkey=error']),
    ).toBe('engineering-dev');
    expect(
      render(
        t,
        { cluster: 'engineering-prod', nameSuffix: '-my-name-suffix' },
        ['missingkey=error'],
      ),
    ).toBe('engineering-prod-my-name-suffix');
  });

  it('index out of range is an error; index of a missing map key is empty', () => {
    expect(() => render('{{ index .l 5 }}', { l: ['a'] })).toThrow(
      /index out of range: 5/,
    );
    expect(render('{{ index .m "k" }}', { m: {} }, ['missingkey=error'])).toBe(
      '<no value>',
    );
  });

  it('base, dir, splitList, join, list, dict, hasKey, ternary, add', () => {
    expect(render('{{ base .p }} {{ dir .p }}', { p: 'a/b/c' })).toBe('c a/b');
    expect(render('{{ join "," (splitList "/" .p) }}', { p: 'a/b' })).toBe(
      'a,b',
    );
    expect(
      render(
        '{{ $d := dict "k" "v" }}{{ hasKey $d "k" }} {{ get $d "k" }}',
        {},
      ),
    ).toBe('true v');
    expect(render('{{ ternary "y" "n" .c }}', { c: false })).toBe('n');
    expect(render('{{ add .n 1 }}', { n: 2 })).toBe('3');
    expect(render('{{ len (list 1 2 3) }}', {})).toBe('3');
  });
});

describe('toYaml as Argo CD writes it (sigs.k8s.io/yaml, go-yaml v2)', () => {
  it('puts list items at the indentation of their key and sorts keys', () => {
    expect(
      render('{{ toYaml . }}', {
        zeta: 1,
        app: { ports: [80, 443], name: 'till' },
        hosts: [{ host: 'a.example.org', tls: true }],
      }),
    ).toBe(
      [
        'app:',
        '  name: till',
        '  ports:',
        '  - 80',
        '  - 443',
        'hosts:',
        '- host: a.example.org',
        '  tls: true',
        'zeta: 1',
      ].join('\n'),
    );
  });

  it('double-quotes strings that would read as another type, single-quotes others that cannot be plain, and writes multi-line strings as literal blocks', () => {
    expect(
      render('{{ toYaml . }}', {
        a: 'true',
        b: 'yes',
        c: '0755',
        d: '1.5e3',
        e: '',
        f: '2024-05-01',
        g: 'key: value',
        h: '#not a comment',
        i: 'line one\nline two\n',
        j: 'plain text',
        k: 'null',
        l: '12:30',
      }),
    ).toBe(
      [
        'a: "true"',
        'b: "yes"',
        'c: "0755"',
        'd: "1.5e3"',
        'e: ""',
        'f: "2024-05-01"',
        "g: 'key: value'",
        "h: '#not a comment'",
        'i: |',
        '  line one',
        '  line two',
        'j: plain text',
        'k: "null"',
        'l: "12:30"',
      ].join('\n'),
    );
  });

  it('round-trips through fromYaml', () => {
    const data = { cfg: { replicas: 3, tags: ['x', 'on'], note: 'a: b' } };
    expect(render('{{ (fromYaml (toYaml .cfg)).tags }}', data)).toBe('[x on]');
    expect(render('{{ index (fromYaml (toYaml .cfg)) "note" }}', data)).toBe(
      'a: b',
    );
  });
});

describe('more Sprig functions (GoTemplate.md: all of Sprig but env, expandenv, getHostByName)', () => {
  it('replace with an empty old string inserts around every character, as strings.Replace does', () => {
    expect(render('{{ replace "" "." "ab" }}', {})).toBe('.a.b.');
    expect(render('{{ "a_b_c" | replace "_" "-" }}', {})).toBe('a-b-c');
  });

  it('string helpers: abbrev, abbrevboth, initials, untitle, swapcase, plural, splitn', () => {
    expect(render('{{ abbrev 7 "storefront" }}', {})).toBe('stor...');
    expect(render('{{ abbrevboth 5 10 "aaaa bbbb cccc" }}', {})).toBe(
      '...bbbb...',
    );
    expect(render('{{ initials "Point Of Sale" }}', {})).toBe('POS');
    expect(render('{{ untitle "Point Of Sale" }}', {})).toBe('point of sale');
    expect(render('{{ swapcase "Till 9" }}', {})).toBe('tILL 9');
    expect(
      render('{{ plural "till" "tills" 1 }}/{{ plural "till" "tills" 3 }}', {}),
    ).toBe('till/tills');
    expect(render('{{ (splitn "." 2 "a.b.c")._1 }}', {})).toBe('b.c');
  });

  it('numbers and lists: seq, untilStep, addf, chunk, all/any, must* variants', () => {
    expect(render('{{ seq 3 }}|{{ seq 4 2 }}|{{ seq 0 5 10 }}', {})).toBe(
      '1 2 3|4 3 2|0 5 10',
    );
    expect(render('{{ untilStep 1 8 3 | toJson }}', {})).toBe('[1,4,7]');
    expect(render('{{ addf 0.5 2 }} {{ divf 3 4 }}', {})).toBe('2.5 0.75');
    expect(render('{{ chunk 2 .l | toJson }}', { l: [1, 2, 3] })).toBe(
      '[[1,2],[3]]',
    );
    expect(render('{{ all 1 "x" }} {{ any "" 0 }}', {})).toBe('true false');
    expect(
      render('{{ mustFirst .l }}-{{ mustLast .l }}', { l: ['a', 'z'] }),
    ).toBe('a-z');
  });

  it('types and maps: kindOf, typeOf, deepEqual, merge, mergeOverwrite, deepCopy', () => {
    const data = {
      l: [],
      n: 1.5,
      base: { a: 1, o: { x: 1 } },
      extra: { a: 2, o: { y: 2 } },
    };
    expect(
      render('{{ kindOf .l }} {{ kindOf .base }} {{ typeOf .n }}', data),
    ).toBe('slice map float64');
    expect(
      render('{{ deepEqual .base .base }} {{ deepEqual 1 1.0 }}', data),
    ).toBe('true false');
    expect(render('{{ merge (deepCopy .base) .extra | toJson }}', data)).toBe(
      '{"a":1,"o":{"x":1,"y":2}}',
    );
    expect(
      render('{{ mergeOverwrite (deepCopy .base) .extra | toJson }}', data),
    ).toBe('{"a":2,"o":{"x":1,"y":2}}');
  });

  it('encodings: b32enc/b32dec, adler32sum, regexQuoteMeta', () => {
    expect(render('{{ b32enc "till" }} {{ b32dec (b32enc "till") }}', {})).toBe(
      'ORUWY3A= till',
    );
    expect(render('{{ adler32sum "Wikipedia" }}', {})).toBe('300286872');
    expect(render('{{ regexQuoteMeta "v1.2+x" }}', {})).toBe('v1\\.2\\+x');
  });

  it('tpl renders a template string with the same functions, dropping "<no value>"', () => {
    const data = { t: '{{ .app | upper }}-{{ .missing }}', app: 'till' };
    expect(render('{{ tpl .t . }}', data)).toBe('TILL-');
    expect(() => render('{{ tpl .t }}', data)).toThrow(
      /wrong number of args for tpl/,
    );
  });
});
