import { renderGoTemplate } from '.';

const render = (t: string) => renderGoTemplate(t, {});

describe('nil in Go templates', () => {
  it('may be passed as an argument, as the zero value of an interface', () => {
    expect(render('{{ default "fallback" nil }}')).toBe('fallback');
    expect(render('{{ len (list nil 1) }}')).toBe('2');
    expect(
      render(
        '{{ (genSelfSignedCert "web.example.com" nil nil 1).Cert | hasPrefix "-----BEGIN CERTIFICATE-----" }}',
      ),
    ).toBe('true');
  });

  it('is not a command', () => {
    expect(() => render('{{ nil }}')).toThrow('nil is not a command');
    expect(() => render('{{ if nil }}x{{ end }}')).toThrow(
      'nil is not a command',
    );
  });
});
