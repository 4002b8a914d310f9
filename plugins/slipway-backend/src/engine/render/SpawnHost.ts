import { ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { SpawnedProcess, SpawnFunction } from './ProcessRunner';

/**
 * The program the host runs (plain JavaScript, so that it needs no build
 * step): it starts programs on request and streams their output and end
 * back over IPC. Programs get their own process group, killed whole.
 */
const HOST_PROGRAM = `
const { spawn } = require('node:child_process');
const children = new Map();
const posix = process.platform !== 'win32';
const kill = (child, signal) => {
  try {
    if (child.pid && posix) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {}
};
process.on('disconnect', () => {
  for (const child of children.values()) kill(child, 'SIGKILL');
  process.exit(0);
});
process.on('message', m => {
  if (m.op === 'kill') {
    const child = children.get(m.id);
    if (child) kill(child, m.signal);
    return;
  }
  const send = (ev, rest) => process.connected && process.send({ id: m.id, ev, ...rest });
  let child;
  try {
    const stdin = typeof m.stdin === 'string' ? 'pipe' : 'ignore';
    child = spawn(m.command, m.args, { cwd: m.cwd, env: m.env, shell: false, detached: posix, stdio: [stdin, 'pipe', 'pipe'], windowsHide: true });
  } catch (error) {
    send('error', { message: error.message });
    send('close', { code: null, signal: null });
    return;
  }
  children.set(m.id, child);
  if (typeof m.stdin === 'string') {
    child.stdin.on('error', () => {});
    child.stdin.end(m.stdin);
  }
  let closed = false;
  const close = (code, signal) => {
    if (closed) return;
    closed = true;
    children.delete(m.id);
    send('close', { code, signal });
  };
  child.stdout.on('data', data => send('stdout', { data }));
  child.stderr.on('data', data => send('stderr', { data }));
  child.on('error', error => {
    send('error', { message: error.message });
    if (!child.pid) close(null, null);
  });
  child.on('close', close);
});
`;

interface HostMessage {
  id: number;
  ev: 'stdout' | 'stderr' | 'error' | 'close';
  data?: Uint8Array;
  message?: string;
  code?: number | null;
  signal?: NodeJS.Signals | null;
}

/** A program started by the host, seen from here like a ChildProcess. */
class HostedProcess extends EventEmitter implements SpawnedProcess {
  readonly stdout = new EventEmitter();
  readonly stderr = new EventEmitter();
  /** Unknown here: the host kills the program's process group. */
  readonly pid = undefined;

  constructor(private readonly onKill: (signal: NodeJS.Signals) => void) {
    super();
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.onKill(signal);
    return true;
  }
}

/**
 * Starts programs (helm, kubectl, kustomize) from a small helper process.
 * Starting a program copies the page tables of the process that starts it,
 * so in a backend of several hundred MiB each start blocked the event loop
 * for 20–30 ms (a fifth of realistic-sync's CPU); the helper is small, and
 * starts them in a few. The helper is started on first use, started again
 * if it dies (what it was running reports an error), and ends with this
 * process. It does not keep this process alive while idle.
 */
export class SpawnHost {
  private host: ChildProcess | undefined;
  private readonly running = new Map<number, HostedProcess>();
  private nextId = 1;

  readonly spawn: SpawnFunction = (command, args, options) => {
    const host = this.ensureHost();
    const id = this.nextId++;
    const hosted = new HostedProcess(signal => this.host === host && host.connected && host.send({ op: 'kill', id, signal }));
    this.running.set(id, hosted);
    this.keepAlive();
    host.send({ op: 'spawn', id, command, args, cwd: options.cwd, env: options.env, stdin: options.stdin });
    return hosted;
  };

  /** Ends the helper (and whatever it runs). */
  stop(): void {
    this.host?.kill('SIGKILL');
  }

  private ensureHost(): ChildProcess {
    if (this.host && this.host.connected) return this.host;
    const host = spawn(process.execPath, ['-e', HOST_PROGRAM], {
      // no NODE_OPTIONS or loaders of this process: the helper is plain JavaScript
      env: {},
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
      windowsHide: true,
    });
    host.on('message', (m: HostMessage) => this.deliver(m));
    host.on('exit', (code, signal) => {
      if (this.host === host) this.host = undefined;
      const reason = `the process that starts tools exited (${signal ?? `code ${code}`})`;
      for (const [id, hosted] of this.running) {
        this.running.delete(id);
        hosted.emit('error', new Error(reason));
        hosted.emit('close', null, null);
      }
    });
    host.on('error', () => {}); // reported through 'exit'
    this.host = host;
    return host;
  }

  private deliver(m: HostMessage): void {
    const hosted = this.running.get(m.id);
    if (!hosted) return;
    if (m.ev === 'stdout' || m.ev === 'stderr') {
      const data = m.data!;
      hosted[m.ev].emit('data', Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    } else if (m.ev === 'error') {
      hosted.emit('error', new Error(m.message));
    } else {
      this.running.delete(m.id);
      this.keepAlive();
      hosted.emit('close', m.code ?? null, m.signal ?? null);
    }
  }

  /** Holds this process open while programs run, and not while idle. */
  private keepAlive(): void {
    const host = this.host as (ChildProcess & { channel?: { ref(): void; unref(): void } }) | undefined;
    if (!host) return;
    if (this.running.size > 0) {
      host.ref();
      host.channel?.ref();
    } else {
      host.unref();
      host.channel?.unref();
    }
  }
}

let shared: SpawnHost | undefined;

/** The process-wide spawn host. */
export function sharedSpawnHost(): SpawnHost {
  shared ??= new SpawnHost();
  return shared;
}
