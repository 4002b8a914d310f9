import { SpawnProcessRunner } from './ProcessRunner';

const node = process.execPath;
const runner = new SpawnProcessRunner();
const base = { command: node, timeoutMs: 10_000, maxOutputBytes: 1024 * 1024 };

describe('SpawnProcessRunner', () => {
  it('passes arguments verbatim, without a shell, and only the given environment', async () => {
    const result = await runner.run({
      ...base,
      args: ['-e', 'process.stdout.write(JSON.stringify([process.argv[1], process.env.ONLY, process.env.HOME]))', '$(id) ; `x`'],
      env: { ONLY: 'yes' },
    });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['$(id) ; `x`', 'yes', null]);
  });

  it('kills a program that runs too long', async () => {
    const started = Date.now();
    const result = await runner.run({ ...base, args: ['-e', 'setTimeout(() => {}, 60000)'], timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('kills a program whose output exceeds the cap', async () => {
    const result = await runner.run({
      ...base,
      args: ['-e', 'const s = "x".repeat(65536); setInterval(() => process.stdout.write(s), 1)'],
      maxOutputBytes: 200_000,
    });
    expect(result.outputTooLarge).toBe(true);
    expect(result.stdout.length).toBeLessThanOrEqual(200_000);
  });

  it('reports a program that cannot start', async () => {
    const result = await runner.run({ ...base, command: '/nonexistent/tool', args: [] });
    expect(result.exitCode).toBeNull();
    expect(result.stderr).toContain('cannot start');
  });
});
