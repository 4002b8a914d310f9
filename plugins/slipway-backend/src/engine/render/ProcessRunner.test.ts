import { SpawnProcessRunner, spawnHere } from './ProcessRunner';
import { SpawnHost } from './SpawnHost';

const node = process.execPath;
const base = { command: node, timeoutMs: 10_000, maxOutputBytes: 1024 * 1024 };
const host = new SpawnHost();
afterAll(() => host.stop());

describe.each([
  ['started from this process', spawnHere],
  ['started from the spawn host', host.spawn],
])('SpawnProcessRunner, programs %s', (_how, spawn) => {
  const runner = new SpawnProcessRunner(spawn);

  it('passes arguments verbatim, without a shell, and only the given environment', async () => {
    const result = await runner.run({
      ...base,
      args: ['-e', 'process.stdout.write(JSON.stringify([process.argv[1], process.env.ONLY, process.env.HOME]))', '$(id) ; `x`'],
      env: { ONLY: 'yes' },
    });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['$(id) ; `x`', 'yes', null]);
  });

  it('writes stdin to the program and closes it, and gives an empty stdin otherwise', async () => {
    const echo = ['-e', 'let s = ""; process.stdin.on("data", d => (s += d)).on("end", () => process.stdout.write(`[${s}]`))'];
    expect((await runner.run({ ...base, args: echo, stdin: 'pass word\n' })).stdout).toBe('[pass word\n]');
    expect((await runner.run({ ...base, args: echo })).stdout).toBe('[]');
    const ignoring = await runner.run({ ...base, args: ['-e', 'process.exit(0)'], stdin: 'x'.repeat(1_000_000) });
    expect(ignoring.exitCode).toBe(0);
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

describe('SpawnHost', () => {
  it('fails what runs when the helper dies, and starts a new helper for the next program', async () => {
    const dying = new SpawnHost();
    const runner = new SpawnProcessRunner(dying.spawn);
    try {
      const running = runner.run({ ...base, args: ['-e', 'setTimeout(() => {}, 60000)'] });
      await new Promise(r => setTimeout(r, 200));
      dying.stop();
      const failed = await running;
      expect(failed.exitCode).toBeNull();
      expect(failed.stderr).toContain('the process that starts tools exited');
      const next = await runner.run({ ...base, args: ['-e', 'process.stdout.write("again")'] });
      expect(next).toMatchObject({ exitCode: 0, stdout: 'again' });
    } finally {
      dying.stop();
    }
  });

  it('carries large output and stderr whole, and the exit code', async () => {
    const runner = new SpawnProcessRunner(host.spawn);
    const result = await runner.run({
      ...base,
      args: ['-e', 'process.stdout.write("y".repeat(3_000_000)); process.stderr.write("warned"); process.exitCode = 3'],
      maxOutputBytes: 4_000_000,
    });
    expect(result).toMatchObject({ exitCode: 3, stderr: 'warned', outputTooLarge: false });
    expect(result.stdout).toBe('y'.repeat(3_000_000));
  });
});
