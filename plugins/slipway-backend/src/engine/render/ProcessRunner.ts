import { spawn } from 'node:child_process';

/** One program run: an argument array, never a shell command line. */
export interface ProcessRequest {
  command: string;
  args: string[];
  cwd?: string;
  /** The complete environment of the program (nothing is inherited). */
  env?: Record<string, string>;
  /** Written to the program's stdin, which is then closed; without it stdin is empty. Keeps secrets out of `args`. */
  stdin?: string;
  /** The program is killed (with its children) after this long. */
  timeoutMs: number;
  /** The program is killed when stdout grows beyond this many bytes. */
  maxOutputBytes: number;
}

export interface ProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The first 64 KiB of stderr. */
  stderr: string;
  timedOut: boolean;
  outputTooLarge: boolean;
}

/** Runs external programs (helm, kubectl, kustomize). */
export interface ProcessRunner {
  run(request: ProcessRequest): Promise<ProcessResult>;
}

const MAX_STDERR_BYTES = 64 * 1024;

/** What the runner needs of a started program (a ChildProcess has it). */
export interface SpawnedProcess {
  /** Set when the program's process group can be killed from here. */
  readonly pid?: number;
  readonly stdout: { on(event: 'data', listener: (chunk: Buffer) => void): unknown } | null;
  readonly stderr: { on(event: 'data', listener: (chunk: Buffer) => void): unknown } | null;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  kill(signal?: NodeJS.Signals): boolean;
}

/** Starts a program in its own process group, stdout and stderr piped, `stdin` (when given) written to it. */
export type SpawnFunction = (
  command: string,
  args: string[],
  options: { cwd?: string; env: Record<string, string>; stdin?: string },
) => SpawnedProcess;

/** `child_process.spawn` in this process. */
export const spawnHere: SpawnFunction = (command, args, { stdin, ...options }) => {
  const child = spawn(command, args, {
    ...options,
    shell: false,
    detached: process.platform !== 'win32',
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  if (stdin !== undefined) {
    // a program that exits without reading stdin must not crash this process (EPIPE)
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(stdin);
  }
  return child;
};

/**
 * Runs programs in their own process group, with a time limit and a cap
 * on their output; started by `spawn` (default: in this process).
 */
export class SpawnProcessRunner implements ProcessRunner {
  constructor(private readonly start: SpawnFunction = spawnHere) {}

  run(request: ProcessRequest): Promise<ProcessResult> {
    return new Promise(resolve => {
      const child = this.start(request.command, request.args, {
        cwd: request.cwd,
        env: request.env ?? {},
        stdin: request.stdin,
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let stdoutBytes = 0;
      let stderrBytes = 0;
      let timedOut = false;
      let outputTooLarge = false;
      let settled = false;

      const kill = () => {
        try {
          if (child.pid && process.platform !== 'win32') {
            process.kill(-child.pid, 'SIGKILL');
          } else {
            child.kill('SIGKILL');
          }
        } catch {
          // already gone
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, request.timeoutMs);

      child.stdout?.on('data', (chunk: Buffer) => {
        stdoutBytes += chunk.length;
        if (stdoutBytes > request.maxOutputBytes) {
          if (!outputTooLarge) {
            outputTooLarge = true;
            kill();
          }
          return;
        }
        stdout.push(chunk);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        if (stderrBytes < MAX_STDERR_BYTES) {
          stderr.push(chunk.subarray(0, MAX_STDERR_BYTES - stderrBytes));
        }
        stderrBytes += chunk.length;
      });
      const finish = (exitCode: number | null, signal: NodeJS.Signals | null, extra = '') => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        resolve({
          exitCode,
          signal,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8') + extra,
          timedOut,
          outputTooLarge,
        });
      };
      child.on('error', error => finish(null, null, `cannot start ${request.command}: ${error.message}`));
      child.on('close', (code, signal) => finish(code, signal));
    });
  }
}
