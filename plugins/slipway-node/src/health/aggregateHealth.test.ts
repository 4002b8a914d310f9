import { aggregateHealth } from './aggregateHealth';

describe('aggregateHealth', () => {
  it('is the worst child health', () => {
    expect(
      aggregateHealth([
        { status: 'Healthy' },
        { status: 'Progressing' },
        { status: 'Suspended' },
      ]),
    ).toEqual({
      status: 'Progressing',
    });
    expect(
      aggregateHealth([{ status: 'Degraded' }, { status: 'Missing' }]).status,
    ).toBe('Degraded');
    expect(
      aggregateHealth([{ status: 'Degraded' }, { status: 'Unknown' }]).status,
    ).toBe('Unknown');
  });

  it('counts aggregateAs instead of the status and skips children without health', () => {
    expect(
      aggregateHealth([
        { status: 'Suspended', aggregateAs: 'Healthy' },
        undefined,
        { status: 'Healthy' },
      ]).status,
    ).toBe('Healthy');
  });

  it('is Healthy without children', () => {
    expect(aggregateHealth([]).status).toBe('Healthy');
  });
});
