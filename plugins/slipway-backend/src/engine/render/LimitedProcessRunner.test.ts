import { LimitedProcessRunner } from './LimitedProcessRunner';
import type { ProcessRequest, ProcessResult } from './ProcessRunner';

const request = (name: string): ProcessRequest => ({ command: name, args: [], timeoutMs: 1000, maxOutputBytes: 1000 });
const ok = (stdout: string): ProcessResult => ({ exitCode: 0, signal: null, stdout, stderr: '', timedOut: false, outputTooLarge: false });

/** A runner whose programs end when the test says so. */
function heldRunner() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  return {
    started,
    end: (name: string) => finish.get(name)!(),
    run: (r: ProcessRequest) =>
      new Promise<ProcessResult>(resolve => {
        started.push(r.command);
        finish.set(r.command, () => resolve(ok(r.command)));
      }),
  };
}

const tick = () => new Promise(r => setImmediate(r));

describe('LimitedProcessRunner', () => {
  it('runs at most `parallelism` programs at once, starting the others in order as runs end', async () => {
    const inner = heldRunner();
    const runner = new LimitedProcessRunner(inner, 2);
    const results = ['a', 'b', 'c', 'd'].map(name => runner.run(request(name)));
    await tick();
    expect(inner.started).toEqual(['a', 'b']);
    inner.end('b');
    await tick();
    expect(inner.started).toEqual(['a', 'b', 'c']);
    inner.end('a');
    inner.end('c');
    await tick();
    inner.end('d');
    expect((await Promise.all(results)).map(r => r.stdout)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('frees the slot of a run that failed', async () => {
    let calls = 0;
    const runner = new LimitedProcessRunner(
      { run: async r => (++calls === 1 ? Promise.reject(new Error('cannot start')) : ok(r.command)) },
      1,
    );
    await expect(runner.run(request('first'))).rejects.toThrow('cannot start');
    expect((await runner.run(request('second'))).stdout).toBe('second');
  });

  it('refuses a parallelism that is not a whole number of at least 1', () => {
    expect(() => new LimitedProcessRunner({ run: async () => ok('') }, 0)).toThrow(/at least 1/);
  });
});
