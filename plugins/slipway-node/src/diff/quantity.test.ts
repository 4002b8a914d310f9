import { canonicalQuantity } from './quantity';

describe('canonicalQuantity (Kubernetes resource.Quantity canonical form)', () => {
  it.each([
    ['1000m', '1'],
    ['1', '1'],
    [1, '1'],
    ['0.5', '500m'],
    [0.5, '500m'],
    ['1500m', '1500m'],
    ['100m', '100m'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1Gi', '1Gi'],
    ['512Ki', '512Ki'],
    ['0.5Gi', '512Mi'],
    ['0.3Gi', '322122547200m'],
    ['0', '0'],
    ['0Gi', '0'],
    ['1e3', '1e3'],
    ['1000e0', '1e3'],
    ['0.1m', '100u'],
  ])('%p is stored as %p', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });

  it('leaves values that are not quantities unchanged', () => {
    expect(canonicalQuantity('lots')).toBe('lots');
    expect(canonicalQuantity('1 Gi')).toBe('1 Gi');
  });
});
