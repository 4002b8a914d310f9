import type { ProcessRequest, ProcessResult, ProcessRunner } from './ProcessRunner';

/**
 * Runs at most `parallelism` programs at once, the others waiting in order,
 * like Argo CD's repo server with `--parallelismlimit`: it keeps a burst of
 * renders (many applications appearing at once) from starting a process
 * per application on a small backend.
 */
export class LimitedProcessRunner implements ProcessRunner {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly inner: ProcessRunner,
    private readonly parallelism: number,
  ) {
    if (!Number.isInteger(parallelism) || parallelism < 1) {
      throw new Error(`the render parallelism must be a whole number of at least 1, got ${parallelism}`);
    }
  }

  async run(request: ProcessRequest): Promise<ProcessResult> {
    if (this.running >= this.parallelism) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await this.inner.run(request);
    } finally {
      // hands the slot to the next waiting run, or frees it
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
