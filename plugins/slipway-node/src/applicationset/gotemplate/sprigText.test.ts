import { renderGoTemplate } from '.';

const render = (t: string, data: unknown = {}) => renderGoTemplate(t, data);

describe('wrap and wrapWith (sprig strings.md, goutils WrapCustom)', () => {
  it('breaks at the last space that fits the width', () => {
    expect(
      render('{{ wrap 10 .t }}', {
        t: 'The quick brown fox jumps over the lazy dog',
      }),
    ).toBe('The quick\nbrown fox\njumps over\nthe lazy\ndog');
    expect(render('{{ wrapWith 5 "\\t" "Hello World" }}')).toBe('Hello\tWorld');
  });

  it('leaves a long word whole with wrap, and cuts it with wrapWith', () => {
    expect(render('{{ wrap 5 "abcdefghij xyz" }}')).toBe('abcdefghij\nxyz');
    expect(render('{{ wrapWith 5 "\\n" "abcdefghij xyz" }}')).toBe(
      'abcde\nfghij\nxyz',
    );
  });
});

describe('urlParse and urlJoin (sprig url.md, Go net/url)', () => {
  it('splits a URL into the parts Go gives, path and fragment decoded', () => {
    const parts =
      '{{ $u := urlParse .u }}{{ $u.scheme }}|{{ $u.host }}|{{ $u.hostname }}|{{ $u.path }}|{{ $u.query }}|{{ $u.fragment }}|{{ $u.userinfo }}|{{ $u.opaque }}';
    expect(
      render(parts, {
        u: 'https://deploy:pw@git.example.com:8443/a%20b/c?x=1&y=2#top',
      }),
    ).toBe(
      'https|git.example.com:8443|git.example.com|/a b/c|x=1&y=2|top|deploy:pw|',
    );
    expect(render(parts, { u: 'mailto:ops@example.com' })).toBe(
      'mailto|||||||ops@example.com',
    );
    expect(render(parts, { u: 'example.com/apps' })).toBe(
      '|||example.com/apps||||',
    );
    expect(render('{{ (urlParse "https://[::1]:6443/api").hostname }}')).toBe(
      '::1',
    );
    expect(
      render('{{ (urlParse .server).hostname }}', {
        server: 'https://kubernetes.default.svc',
      }),
    ).toBe('kubernetes.default.svc');
  });

  it("fails on what Go's parser refuses", () => {
    expect(() => render('{{ urlParse ":8080" }}')).toThrow(
      'unable to parse url: parse ":8080": missing protocol scheme',
    );
    expect(() => render('{{ urlParse "https://example.com/%zz" }}')).toThrow(
      'invalid URL escape "%zz"',
    );
  });

  it('joins parts back, escaping as Go does', () => {
    expect(
      render(
        '{{ urlJoin (dict "scheme" "https" "host" "example.com" "path" "/a b" "query" "x=1") }}',
      ),
    ).toBe('https://example.com/a%20b?x=1');
    expect(
      render(
        '{{ urlJoin (dict "scheme" "https" "host" "example.com" "path" "apps" "fragment" "top") }}',
      ),
    ).toBe('https://example.com/apps#top');
    expect(
      render(
        '{{ urlJoin (dict "scheme" "https" "host" "example.com" "userinfo" "deploy:pw") }}',
      ),
    ).toBe('https://deploy:pw@example.com');
    expect(render('{{ urlJoin (dict "path" "a:b") }}')).toBe('./a:b');
    expect(render('{{ urlParse "https://example.com/x?y=1" | urlJoin }}')).toBe(
      'https://example.com/x?y=1',
    );
  });
});
