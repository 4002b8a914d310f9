import { quantityValue } from './quantity';

describe('quantityValue', () => {
  it('reads binary, decimal and milli suffixes and exponents', () => {
    expect(quantityValue('1Gi')).toBe(2 ** 30);
    expect(quantityValue('1.5Mi')).toBe(1.5 * 2 ** 20);
    expect(quantityValue('500M')).toBe(5e8);
    expect(quantityValue('250m')).toBeCloseTo(0.25);
    expect(quantityValue('500u')).toBeCloseTo(5e-4);
    expect(quantityValue('100n')).toBeCloseTo(1e-7);
    expect(quantityValue('1e3')).toBe(1000);
    expect(quantityValue('12')).toBe(12);
    expect(quantityValue(3)).toBe(3);
  });

  it('orders sizes written with different suffixes', () => {
    expect(quantityValue('1Gi')! > quantityValue('1G')!).toBe(true);
    expect(quantityValue('1024Mi')).toBe(quantityValue('1Gi'));
  });

  it('answers undefined for what is not a quantity', () => {
    expect(quantityValue('1 GB')).toBeUndefined();
    expect(quantityValue('Gi')).toBeUndefined();
    expect(quantityValue(undefined)).toBeUndefined();
  });
});
