import { readJsonnetOptions } from './jsonnetOptions';
import { RenderError } from './RenderError';

describe('readJsonnetOptions', () => {
  it('fills in missing lists and reads code flags', () => {
    expect(readJsonnetOptions('app', undefined)).toEqual({ extVars: [], tlas: [], libs: [] });
    expect(
      readJsonnetOptions('app', {
        extVars: [{ name: 'env', value: 'prod' }],
        tlas: [{ name: 'replicas', value: 3, code: true }],
        libs: ['vendor'],
      }),
    ).toEqual({
      extVars: [{ name: 'env', value: 'prod', code: false }],
      tlas: [{ name: 'replicas', value: '3', code: true }],
      libs: ['vendor'],
    });
  });

  it.each([
    ['not an object', 'vendor', 'directory.jsonnet must be an object'],
    ['extVars not a list', { extVars: { env: 'prod' } }, 'directory.jsonnet.extVars must be a list'],
    ['a name with "="', { tlas: [{ name: 'a=b', value: 'x' }] }, 'directory.jsonnet.tlas[0].name must be'],
    ['a name like an option', { extVars: [{ name: '--ext-str', value: 'x' }] }, 'directory.jsonnet.extVars[0].name'],
    ['no value', { extVars: [{ name: 'env' }] }, 'directory.jsonnet.extVars[0] (env) needs a string value'],
    ['code not a boolean', { tlas: [{ name: 'n', value: '1', code: 'yes' }] }, 'directory.jsonnet.tlas[0].code'],
    ['an empty lib', { libs: [''] }, 'directory.jsonnet.libs must be a list of folder paths'],
  ])('refuses %s, naming the field', (_, raw, message) => {
    let error: unknown;
    try {
      readJsonnetOptions('app', raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).reason).toBe('invalid-source');
    expect((error as RenderError).message).toContain('Application "app"');
    expect((error as RenderError).message).toContain(message);
  });
});
