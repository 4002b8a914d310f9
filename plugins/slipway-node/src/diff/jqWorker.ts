import {
  MessageChannel,
  MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import type { JqEngine } from './jqPaths';

/*
 * jq runs in a worker thread, so that an expression that never ends (say
 * `until(false; .)`) can be stopped: the thread is stopped after the limit
 * (Argo CD stops jq after a second too) and a new one takes its place. The
 * caller makes a synchronous call and sleeps on a shared flag until the
 * worker answers, so such an expression holds the backend up for the limit
 * once; it is then refused at once for a while instead of being run again.
 */

/** Argo CD's default limit of one jq evaluation (`ignore.normalizer.jq.timeout`). */
export const JQ_TIMEOUT_MS = 1000;

/** How long a new worker may take to load jq. */
const LOAD_TIMEOUT_MS = 30_000;

/** How long an expression that ran out of time is refused without running it. */
const TIMED_OUT_REFUSAL_MS = 10 * 60_000;

/** Values of the shared flag. */
const WORKING = 0;
const ANSWERED = 1;
const READY = 2;

/** The worker: loads jq-web, raises READY, then answers each request on the reply port and raises ANSWERED. */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
const reply = workerData.reply;
const raise = value => { Atomics.store(flag, 0, value); Atomics.notify(flag, 0); };
require(workerData.jqWeb).then(jq => {
  parentPort.on('message', ({ input, filter }) => {
    let answer;
    try {
      answer = { out: jq.raw(input, filter, ['-c']) };
    } catch (error) {
      answer = { error: error && error.message ? error.message : String(error) };
    }
    reply.postMessage(answer);
    raise(${ANSWERED});
  });
  raise(${READY});
}, error => {
  reply.postMessage({ error: 'jq could not be loaded: ' + (error && error.message || error) });
  raise(${ANSWERED});
});
`;

interface Running {
  worker: Worker;
  flag: Int32Array;
  replies: MessagePort;
  /** Set once the worker has loaded jq; the flag then carries answers. */
  ready: boolean;
  /** Why the worker stopped before it was ready (it failed to start or exited). */
  failure?: string;
}

function spawn(): Running {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(flag, 0, WORKING);
  const { port1: replies, port2: reply } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { flag: flag.buffer, reply, jqWeb: require.resolve('jq-web') },
    transferList: [reply],
  });
  // Neither keeps the process alive; a worker that fails is replaced at its next run.
  worker.unref();
  replies.unref();
  const running: Running = { worker, flag, replies, ready: false };
  worker.on('error', error => {
    running.failure ??= `jq could not be started: ${error.message}`;
  });
  worker.on('exit', code => {
    running.failure ??= `the jq worker stopped (exit code ${code})`;
  });
  return running;
}

/** Waits for `running` to load jq; throws with the worker's reason when it could not. */
function awaitReady(running: Running): void {
  if (running.ready) return;
  if (running.failure) throw new Error(running.failure);
  Atomics.wait(running.flag, 0, WORKING, LOAD_TIMEOUT_MS);
  running.ready = Atomics.load(running.flag, 0) === READY;
  if (running.ready) return;
  const answer = receiveMessageOnPort(running.replies)?.message as
    | { error?: string }
    | undefined;
  throw new Error(answer?.error ?? 'jq could not be loaded in time');
}

/** A jq engine in a worker thread whose every run is stopped after `timeoutMs`. */
export async function startJqWorker(
  timeoutMs = JQ_TIMEOUT_MS,
): Promise<JqEngine> {
  let running = spawn();
  // The first load is awaited without blocking the event loop.
  const deadline = Date.now() + LOAD_TIMEOUT_MS;
  while (
    Atomics.load(running.flag, 0) === WORKING &&
    !running.failure &&
    Date.now() < deadline
  ) {
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  awaitReady(running);
  const timedOut = new Map<string, number>();
  return {
    run(input: unknown, filter: string): unknown[] {
      const refusedUntil = timedOut.get(filter);
      if (refusedUntil !== undefined && refusedUntil > Date.now()) {
        throw new Error(
          `jq ran out of time (${timeoutMs} ms) on this expression lately; it is not run again before ${new Date(
            refusedUntil,
          ).toISOString()}`,
        );
      }
      awaitReady(running);
      const { worker, flag, replies } = running;
      Atomics.store(flag, 0, WORKING);
      worker.postMessage({ input: JSON.stringify(input), filter });
      if (Atomics.wait(flag, 0, WORKING, timeoutMs) === 'timed-out') {
        void worker.terminate();
        running = spawn();
        timedOut.set(filter, Date.now() + TIMED_OUT_REFUSAL_MS);
        throw new Error(`jq ran out of time (${timeoutMs} ms)`);
      }
      const answer = receiveMessageOnPort(replies)?.message as
        | { out: string }
        | { error: string }
        | undefined;
      if (!answer) throw new Error('jq gave no answer');
      if ('error' in answer) throw new Error(answer.error);
      return answer.out
        .split('\n')
        .filter(line => line.trim() !== '')
        .map(line => JSON.parse(line));
    },
  };
}
