import { startJqWorker } from './jqWorker';
import { deleteJqPath } from './jqPaths';

describe('jq in a worker thread', () => {
  it('evaluates jq programs and reports their errors', async () => {
    const jq = await startJqWorker();
    expect(jq.run({ a: [1, 2] }, '.a[]')).toEqual([1, 2]);
    expect(() => jq.run({}, '.a | error("bad")')).toThrow(/bad/);
    expect(
      deleteJqPath(jq, { spec: { replicas: 3, x: 1 } }, '.spec.replicas'),
    ).toEqual({ spec: { x: 1 } });
  });

  it('stops an expression that runs past the limit, and keeps working for the next ones', async () => {
    const jq = await startJqWorker(200);
    expect(() => deleteJqPath(jq, { a: 1 }, 'until(false; [.] + [1])')).toThrow(
      "jq path expression 'until(false; [.] + [1])' failed: jq ran out of time (200 ms)",
    );
    expect(jq.run({ a: 1 }, '.a')).toEqual([1]);
    // the same expression is refused at once for a while instead of holding the backend up again
    expect(() => deleteJqPath(jq, { b: 2 }, 'until(false; [.] + [1])')).toThrow(
      /on this expression lately; it is not run again before/,
    );
  });
});
