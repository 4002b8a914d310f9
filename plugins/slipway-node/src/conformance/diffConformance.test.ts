import path from 'path';
import { existsSync, readFileSync } from 'fs';
import { runDiffConformance } from './diffConformance';
import { findRepoRoot } from './repoRoot';

/** The shared corpus sits beside the repository checkout. */
const corpus = path.join(findRepoRoot(__dirname), '..', 'shared', 'conformance', 'diff');

const describeIfCorpus = existsSync(path.join(corpus, 'cases.json')) ? describe : describe.skip;

describeIfCorpus('diff conformance (gitops-engine diff fixtures)', () => {
  it('passes every client-side case and reports every mode', async () => {
    const result = await runDiffConformance(corpus);
    // eslint-disable-next-line no-console
    console.log(JSON.stringify({ passed: result.passed, total: result.total, byMode: result.byMode, failures: result.failures }));
    const cases: Array<{ id: string; mode: string }> = JSON.parse(readFileSync(path.join(corpus, 'cases.json'), 'utf8'));
    const clientSideIds = new Set(cases.filter(c => c.mode === 'client-side').map(c => c.id));
    const clientSide = result.byMode['client-side'];
    expect(clientSide.total).toBe(clientSideIds.size);
    expect(result.failures.filter(f => clientSideIds.has(f.id))).toEqual([]);
    expect(clientSide.passed).toBe(clientSide.total);
    expect(result.total).toBe(cases.length);
    expect(result.total).toBe(Object.values(result.byMode).reduce((n, m) => n + m.total, 0));
  });

  it('counts a case whose fixture is missing as failed, with the reason', async () => {
    const result = await runDiffConformance(path.join(__dirname, '__fixtures__/broken-corpus'));
    expect(result.total).toBe(1);
    expect(result.passed).toBe(0);
    expect(String(result.failures[0].actual)).toMatch(/error: .*missing\.json/);
  });
});
