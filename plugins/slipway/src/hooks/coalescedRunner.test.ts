import { createCoalescedRunner } from './coalescedRunner';

/** A task whose runs end when the test says, counting runs and overlaps. */
function controlledTask() {
  const ends: Array<(ok: boolean) => void> = [];
  let running = 0;
  let overlapped = false;
  const task = jest.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        running++;
        overlapped ||= running > 1;
        ends.push(ok => {
          running--;
          if (ok) resolve();
          else reject(new Error('failed'));
        });
      }),
  );
  const finish = async (ok = true) => {
    ends.shift()!(ok);
    // let the runner see the end of the run
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { task, finish, overlapped: () => overlapped };
}

describe('createCoalescedRunner', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once when idle', () => {
    const { task } = controlledTask();
    createCoalescedRunner(task, 1000).request();
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('serves a burst during a run with one more run, no sooner than the least interval', async () => {
    const { task, finish, overlapped } = controlledTask();
    const runner = createCoalescedRunner(task, 1000);
    for (let i = 0; i < 1000; i++) runner.request();
    expect(task).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(200);
    await finish();
    expect(task).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(799);
    expect(task).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(task).toHaveBeenCalledTimes(2);
    await finish();
    jest.advanceTimersByTime(10_000);
    expect(task).toHaveBeenCalledTimes(2);
    expect(overlapped()).toBe(false);
  });

  it('folds requests while a run waits for its turn into that run', async () => {
    const { task, finish } = controlledTask();
    const runner = createCoalescedRunner(task, 1000);
    runner.request();
    await finish();
    runner.request();
    runner.request();
    jest.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('goes on after a failed run', async () => {
    const { task, finish } = controlledTask();
    const runner = createCoalescedRunner(task, 0);
    runner.request();
    runner.request();
    await finish(false);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('starts nothing once disposed, not even a queued run', async () => {
    const { task, finish } = controlledTask();
    const runner = createCoalescedRunner(task, 1000);
    runner.request();
    runner.request();
    runner.dispose();
    await finish();
    jest.advanceTimersByTime(5000);
    runner.request();
    expect(task).toHaveBeenCalledTimes(1);
  });
});
