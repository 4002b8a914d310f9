import { ConfigReader } from '@backstage/config';
import { renderCacheOptions } from './createRendering';

describe('renderCacheOptions', () => {
  const read = (render: object) => renderCacheOptions(new ConfigReader({ slipway: { render } }));

  it('bounds the render cache by memory, in MiB, with an optional count bound', () => {
    expect(read({})).toEqual({});
    expect(read({ cacheMegabytes: 64 })).toEqual({ maxBytes: 64 * 1024 * 1024 });
    expect(read({ cacheMegabytes: 0, cacheEntries: 500 })).toEqual({ maxBytes: 0, maxEntries: 500 });
  });

  it('refuses bounds that are not numbers it can use, naming the setting', () => {
    expect(() => read({ cacheMegabytes: -1 })).toThrow(
      'slipway.render.cacheMegabytes must be a number of MiB of at least 0 (0 keeps no renders in memory), got -1',
    );
    expect(() => read({ cacheEntries: 0 })).toThrow('slipway.render.cacheEntries must be a whole number of at least 1, got 0');
    expect(() => read({ cacheEntries: 2.5 })).toThrow('slipway.render.cacheEntries');
  });
});
