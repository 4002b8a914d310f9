import { estimatedWidth, fitText } from './fitText';

describe('fitText', () => {
  it('keeps text that fits', () => {
    expect(fitText('payments-config', 200, 13, true)).toBe('payments-config');
  });

  it('cuts text that would stick out and marks the cut with an ellipsis', () => {
    const fitted = fitText('worker-g17-m65nqwxzwd-zm2h9-and-a-long-tail', 200, 13, true);
    expect(fitted).toMatch(/^worker-g17-.*…$/);
    expect(estimatedWidth(fitted, 13, true)).toBeLessThanOrEqual(200);
  });

  it('counts wide letters and capitals for more than narrow ones', () => {
    expect(estimatedWidth('mmmm', 13)).toBeGreaterThan(estimatedWidth('aaaa', 13));
    expect(estimatedWidth('AAAA', 13)).toBeGreaterThan(estimatedWidth('aaaa', 13));
    expect(estimatedWidth('iiii', 13)).toBeLessThan(estimatedWidth('aaaa', 13));
    expect(estimatedWidth('aaaa', 13, true)).toBeGreaterThan(estimatedWidth('aaaa', 13));
  });

  it('estimates a 27-character Pod name wider than Chromium draws it at 13 px, weight 500 (216 px)', () => {
    expect(estimatedWidth('worker-g17-m65nqwxzwd-zm2h9', 13, true)).toBeGreaterThan(216);
  });
});
