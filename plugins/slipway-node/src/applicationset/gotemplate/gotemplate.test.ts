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
