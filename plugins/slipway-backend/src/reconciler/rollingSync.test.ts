import { maxUpdateOf, rollingSyncGate, RollingSyncMember } from './rollingSync';

const SET = 'applicationset:default/web';
const member = (
  name: string,
  step: number | undefined,
  state: Partial<RollingSyncMember> = {},
): RollingSyncMember => ({
  entityRef: `application:default/${name}`,
  step,
  sync: 'OutOfSync',
  health: 'Healthy',
  updating: false,
  ...state,
});
const gate = (
  name: string,
  step: number | undefined,
  members: RollingSyncMember[],
  maxUpdate?: string,
) =>
  rollingSyncGate(
    { set: SET, step, maxUpdate, entityRef: `application:default/${name}` },
    members,
  );

describe('rollingSyncGate (Argo CD RollingSync)', () => {
  it('lets the first step sync at once, and a later step only when every earlier one is Synced and Healthy', () => {
    const members = [
      member('web-dev', 0),
      member('web-qa', 1),
      member('web-prod', 2),
    ];
    expect(gate('web-dev', 0, members)).toEqual({ allowed: true });
    expect(gate('web-qa', 1, members)).toEqual({
      allowed: false,
      reason:
        'waiting for earlier steps of the RollingSync of ApplicationSet default/web to be Synced and Healthy: default/web-dev',
    });
    const devDone = [
      member('web-dev', 0, { sync: 'Synced' }),
      member('web-qa', 1),
      member('web-prod', 2),
    ];
    expect(gate('web-qa', 1, devDone)).toEqual({ allowed: true });
    expect(gate('web-prod', 2, devDone)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('default/web-qa'),
    });
    // Synced but still Progressing is not done
    const progressing = [
      member('web-dev', 0, { sync: 'Synced', health: 'Progressing' }),
      member('web-qa', 1),
    ];
    expect(gate('web-qa', 1, progressing).allowed).toBe(false);
  });

  it('updates at most maxUpdate Applications of a step at a time', () => {
    const step = [
      member('eu-1', 0, { updating: true, health: 'Progressing' }),
      member('eu-2', 0),
      member('eu-3', 0),
      member('eu-4', 0),
    ];
    expect(gate('eu-2', 0, step, '1')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(
        /updates at most 1 at a time \(maxUpdate\); updating: default\/eu-1/,
      ),
    });
    expect(gate('eu-2', 0, step, '50%')).toEqual({ allowed: true });
    expect(gate('eu-2', 0, step)).toEqual({ allowed: true });
    // an updating member that became Synced and Healthy frees its slot
    const finished = [
      member('eu-1', 0, { updating: true, sync: 'Synced' }),
      ...step.slice(1),
    ];
    expect(gate('eu-2', 0, finished, '1')).toEqual({ allowed: true });
    expect(gate('eu-2', 0, step, '0')).toMatchObject({ allowed: false });
  });

  it('leaves an Application no step selects for a manual sync', () => {
    expect(
      gate('web-test', undefined, [member('web-test', undefined)]),
    ).toEqual({
      allowed: false,
      reason:
        'no step of the RollingSync strategy of ApplicationSet default/web selects this Application; sync it by hand or add a step for its labels',
    });
  });

  it.each([
    [undefined, 4, 4],
    ['2', 4, 2],
    ['0', 4, 0],
    ['50%', 4, 2],
    ['10%', 4, 1],
    ['0%', 4, 0],
    ['100%', 3, 3],
  ])(
    'maxUpdate %s of a %i-Application step is %i',
    (maxUpdate, size, expected) => {
      expect(maxUpdateOf(maxUpdate, size)).toBe(expected);
    },
  );
});
