import { sparkApplicationHealth, sparkHealthChecks } from './SparkHealth';
import { kube } from '../testObjects';

const app = (spec: object, status?: object) =>
  sparkApplicationHealth(
    kube('sparkoperator.k8s.io/v1beta2', 'SparkApplication', { spec, status }),
  );
const running = (executors: number, total = executors) => ({
  applicationState: { state: 'RUNNING' },
  executorState: Object.fromEntries(
    Array.from({ length: total }, (_, i) => [
      `exec-${i}`,
      i < executors ? 'RUNNING' : 'PENDING',
    ]),
  ),
});
const state = (name: string, more: object = {}) => ({
  applicationState: { state: name, ...more },
});
const HEALTHY = { status: 'Healthy', message: 'SparkApplication is Running' };
const WAITING = { status: 'Progressing', message: 'Waiting for Executor pods' };

describe('Spark SparkApplication', () => {
  it('is registered under its Argo CD folder name', () => {
    expect(sparkHealthChecks['sparkoperator.k8s.io/SparkApplication']).toBe(
      sparkApplicationHealth,
    );
  });

  it('is healthy when running exactly the requested executors', () => {
    expect(app({ executor: { instances: 2 } }, running(2, 3))).toEqual(HEALTHY);
    expect(app({ executor: { instances: 2 } }, running(1, 3))).toEqual(WAITING);
  });

  it('with dynamic allocation, is healthy within the allowed range', () => {
    const api = (minExecutors?: number, maxExecutors?: number) => ({
      executor: {},
      dynamicAllocation: { enabled: true, minExecutors, maxExecutors },
    });
    expect(app(api(1, 3), running(2))).toEqual(HEALTHY);
    expect(app(api(3), running(2))).toEqual(WAITING);
    expect(app(api(undefined, 1), running(2))).toEqual(WAITING);
    const conf = (prefix: string) => ({
      executor: { instances: 5 },
      sparkConf: {
        [`${prefix}.enabled`]: 'true',
        [`${prefix}.minExecutors`]: '2',
        [`${prefix}.maxExecutors`]: '4',
      },
    });
    for (const prefix of [
      'spark.dynamicAllocation',
      'spark.streaming.dynamicAllocation',
    ]) {
      expect(app(conf(prefix), running(3))).toEqual(HEALTHY);
      expect(app(conf(prefix), running(1))).toEqual(WAITING);
    }
  });

  it('with no executor configuration at all, needs one running executor', () => {
    expect(app({ executor: {} }, running(1))).toEqual(HEALTHY);
    expect(app({ executor: {} }, running(0, 2))).toEqual(WAITING);
  });

  it('waits while running without executor states', () => {
    expect(app({ executor: { instances: 1 } }, state('RUNNING'))).toEqual(
      WAITING,
    );
  });

  it('reports the other application states', () => {
    expect(app({}, state(''))).toEqual({
      status: 'Progressing',
      message: 'SparkApplication was added, enqueuing it for submission',
    });
    expect(app({}, state('SUBMITTED'))).toEqual({
      status: 'Progressing',
      message: 'SparkApplication was submitted successfully',
    });
    expect(app({}, state('COMPLETED'))).toEqual({
      status: 'Healthy',
      message: 'SparkApplication was Completed',
    });
    expect(app({}, state('PENDING_RERUN'))).toEqual({
      status: 'Progressing',
      message: 'SparkApplication is Pending Rerun',
    });
    expect(app({}, state('INVALIDATING'))).toEqual({
      status: 'Missing',
      message: 'SparkApplication is in InvalidatingState',
    });
    expect(app({}, state('SUCCEEDING')).message).toBe(
      'The driver pod has been completed successfully. The executor pods terminate and are cleaned up.\n' +
        '                                Under this circumstances, we assume the executor pod are completed.',
    );
    expect(app({}, state('UNKNOWN'))).toEqual({
      status: 'Progressing',
      message:
        'SparkApplication is in UnknownState because either driver pod or one or all executor pods in unknown state  ',
    });
  });

  it('is degraded in failed states, with the error message', () => {
    for (const failed of ['FAILED', 'SUBMISSION_FAILED', 'FAILING']) {
      expect(app({}, state(failed, { errorMessage: 'driver died' }))).toEqual({
        status: 'Degraded',
        message: 'driver died',
      });
    }
    expect(app({}, state('FAILED'))).toEqual({ status: 'Degraded' });
  });

  it('waits without a status or a state, and for unknown states', () => {
    expect(app({})).toEqual(WAITING);
    expect(app({}, { applicationState: {} })).toEqual(WAITING);
    expect(app({}, state('constructor'))).toEqual(WAITING);
  });

  it('is unknown where the upstream script fails', () => {
    expect(app({}, {}).status).toBe('Unknown');
    expect(app({}, running(1)).status).toBe('Unknown');
    expect(
      app(
        {
          executor: {},
          dynamicAllocation: { enabled: true, minExecutors: '1' },
        },
        running(1),
      ).status,
    ).toBe('Unknown');
  });
});
