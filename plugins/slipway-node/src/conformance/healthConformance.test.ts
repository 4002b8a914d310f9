import path from 'path';
import { runHealthConformance } from './healthConformance';
import { findRepoRoot } from './repoRoot';

const corpus = path.resolve(
  findRepoRoot(__dirname),
  '..',
  'shared',
  'conformance',
  'health',
);

describe('health conformance (visible corpus)', () => {
  it('passes every built-in case and at least 95% of CRD cases with Slipway checks', async () => {
    const result = await runHealthConformance(corpus);
    const failures = JSON.stringify(result.failures, null, 2);
    expect(result.byLayer.builtin.total).toBeGreaterThan(0);
    expect({ builtin: result.byLayer.builtin, failures }).toEqual({
      builtin: {
        passed: result.byLayer.builtin.total,
        total: result.byLayer.builtin.total,
      },
      failures: expect.any(String),
    });
    expect(result.byLayer.lua.total).toBeGreaterThan(0);
    expect(
      result.byLayer.lua.passed / result.byLayer.lua.total,
    ).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});

describe('health conformance of objects being deleted', () => {
  it("meets the controller's Pending deletion in built-in cases, and the kind's own check in script cases", async () => {
    const result = await runHealthConformance(
      path.join(__dirname, '__fixtures__', 'deleting-corpus'),
    );
    expect(result.failures).toEqual([]);
    expect(result.byLayer).toEqual({
      builtin: { passed: 1, total: 1 },
      lua: { passed: 1, total: 1 },
    });
  });
});
