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

  it('gives an empty health (null) where Argo CD gets an empty health status', () => {
    expect(luaResultToHealth(null, 's')).toBeNull();
    expect(luaResultToHealth(undefined, 's')).toBeNull();
    expect(luaResultToHealth({}, 's')).toBeNull();
    expect(luaResultToHealth(['Healthy'], 's')).toBeNull();
    expect(luaResultToHealth({ status: 'Healthy', message: 3 }, 's')).toBeNull();
    expect(luaResultToHealth({ status: true }, 's')).toBeNull();
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
