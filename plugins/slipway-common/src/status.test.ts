import { worseHealth, HEALTH_ORDER } from './status';

describe('worseHealth', () => {
  it('orders health like Argo CD: Healthy < Suspended < Progressing < Missing < Degraded < Unknown', () => {
    expect(HEALTH_ORDER).toEqual([
      'Healthy',
      'Suspended',
      'Progressing',
      'Missing',
      'Degraded',
      'Unknown',
    ]);
  });

  it('returns the worse of two words regardless of argument order', () => {
    expect(worseHealth('Healthy', 'Degraded')).toBe('Degraded');
    expect(worseHealth('Degraded', 'Healthy')).toBe('Degraded');
    expect(worseHealth('Progressing', 'Suspended')).toBe('Progressing');
    expect(worseHealth('Missing', 'Unknown')).toBe('Unknown');
    expect(worseHealth('Healthy', 'Healthy')).toBe('Healthy');
  });
});
