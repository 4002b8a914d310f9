import { luaResultToHealth } from './luaResult';

describe('luaResultToHealth', () => {
  it('reads {status, message}, a missing message being empty', () => {
    expect(
      luaResultToHealth({ status: 'Degraded', message: 'broken' }, 's'),
    ).toEqual({
      status: 'Degraded',
      message: 'broken',
    });
    expect(luaResultToHealth({ status: 'Healthy' }, 's')).toEqual({
      status: 'Healthy',
      message: '',
    });
  });

  it('matches the field names case-insensitively, as Go json.Unmarshal does', () => {
    expect(
      luaResultToHealth({ Status: 'Suspended', MESSAGE: 'paused' }, 's'),
    ).toEqual({
      status: 'Suspended',
      message: 'paused',
    });
  });

  it('gives no health where Argo CD gets an empty health status', () => {
    expect(luaResultToHealth(null, 's')).toBeUndefined();
    expect(luaResultToHealth(undefined, 's')).toBeUndefined();
    expect(luaResultToHealth({}, 's')).toBeUndefined();
    expect(luaResultToHealth(['Healthy'], 's')).toBeUndefined();
    expect(
      luaResultToHealth({ status: 'Healthy', message: 3 }, 's'),
    ).toBeUndefined();
    expect(luaResultToHealth({ status: true }, 's')).toBeUndefined();
  });

  it('is Unknown for an invalid status word or a result that is not a table', () => {
    expect(luaResultToHealth({ status: 'Fine' }, 's')).toEqual({
      status: 'Unknown',
      message: 's: Lua returned an invalid health status',
    });
    expect(luaResultToHealth({ message: 'no status' }, 's')?.message).toBe(
      's: Lua returned an invalid health status',
    );
    expect(luaResultToHealth(1, 's')).toEqual({
      status: 'Unknown',
      message: 's: expect table output from Lua script, not number',
    });
  });
});
