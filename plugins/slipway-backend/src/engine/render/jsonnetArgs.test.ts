import { jsonnetArgs } from './jsonnetArgs';

describe('jsonnetArgs', () => {
  it('lists library folders, variables and arguments, then the file after --', () => {
    expect(
      jsonnetArgs({
        file: '/repo/app/main.jsonnet',
        searchDirs: ['/repo/app', '/repo/vendor'],
        extVars: [
          { name: 'env', value: 'prod=eu' },
          { name: 'cfg', value: '{ a: 1 }', code: true },
        ],
        tlas: [
          { name: 'name', value: '-looks-like-an-option' },
          { name: 'n', value: '2', code: true },
        ],
      }),
    ).toEqual([
      '-J',
      '/repo/app',
      '-J',
      '/repo/vendor',
      '--ext-str',
      'env=prod=eu',
      '--ext-code',
      'cfg={ a: 1 }',
      '--tla-str',
      'name=-looks-like-an-option',
      '--tla-code',
      'n=2',
      '--',
      '/repo/app/main.jsonnet',
    ]);
  });
});
