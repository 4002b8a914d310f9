import {
  flinkBlueGreenDeploymentHealth,
  flinkDeploymentHealth,
  flinkHealthChecks,
  flinkSessionJobHealth,
} from './FlinkHealth';
import { kube } from '../testObjects';

const API = 'flink.apache.org/v1beta1';
const waiting = {
  status: 'Progressing',
  message: 'Waiting for Flink operator',
};

describe('Flink FlinkDeployment health', () => {
  const deployment = (status?: object) =>
    kube(API, 'FlinkDeployment', status === undefined ? {} : { status });

  it('waits for the operator before it reconciled anything', () => {
    expect(flinkDeploymentHealth(deployment())).toEqual(waiting);
    expect(
      flinkDeploymentHealth(
        deployment({ jobManagerDeploymentStatus: 'ERROR' }),
      ),
    ).toEqual(waiting);
  });

  it('is Healthy, without a message, once the spec is reconciled (old and new operators)', () => {
    expect(
      flinkDeploymentHealth(
        deployment({ reconciliationStatus: { success: true } }),
      ),
    ).toEqual({ status: 'Healthy' });
    expect(
      flinkDeploymentHealth(
        deployment({
          jobManagerDeploymentStatus: 'MISSING',
          reconciliationStatus: { state: 'DEPLOYED' },
        }),
      ),
    ).toEqual({ status: 'Healthy' });
  });

  it('is Progressing while the JobManager deploys', () => {
    for (const jm of ['DEPLOYING', 'DEPLOYED_NOT_READY']) {
      expect(
        flinkDeploymentHealth(
          deployment({
            jobManagerDeploymentStatus: jm,
            reconciliationStatus: {},
          }),
        ),
      ).toEqual({ status: 'Progressing', message: 'Waiting for deploying' });
    }
  });

  it('is Degraded on a JobManager error, with the reconciliation error', () => {
    expect(
      flinkDeploymentHealth(
        deployment({
          jobManagerDeploymentStatus: 'ERROR',
          reconciliationStatus: { success: false, error: 'bad config' },
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'bad config' });
  });

  it('waits for the operator in any other reconciled-but-unsuccessful state', () => {
    expect(
      flinkDeploymentHealth(
        deployment({
          jobManagerDeploymentStatus: 'READY',
          reconciliationStatus: { state: 'UPGRADING' },
        }),
      ),
    ).toEqual(waiting);
  });
});

describe('Flink FlinkBlueGreenDeployment health', () => {
  const bg = (status?: object) =>
    kube(
      API,
      'FlinkBlueGreenDeployment',
      status === undefined ? {} : { status },
    );

  it('waits for the operator without a status', () => {
    expect(flinkBlueGreenDeploymentHealth(bg())).toEqual(waiting);
  });

  it('puts rollbacks first', () => {
    expect(
      flinkBlueGreenDeploymentHealth(
        bg({
          blueGreenState: 'ACTIVE_BLUE',
          reconciliationStatus: { state: 'ROLLING_BACK' },
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Rolling back to last stable spec',
    });
    expect(
      flinkBlueGreenDeploymentHealth(
        bg({
          reconciliationStatus: { state: 'ROLLED_BACK' },
          error: 'green failed',
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Rolled back: green failed' });
    expect(
      flinkBlueGreenDeploymentHealth(
        bg({ reconciliationStatus: { state: 'ROLLED_BACK' }, error: '' }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Deployment rolled back' });
  });

  it('is Healthy on an active side, mentioning an error as a warning', () => {
    expect(
      flinkBlueGreenDeploymentHealth(bg({ blueGreenState: 'ACTIVE_GREEN' })),
    ).toEqual({ status: 'Healthy', message: 'ACTIVE_GREEN' });
    expect(
      flinkBlueGreenDeploymentHealth(
        bg({
          blueGreenState: 'ACTIVE_BLUE',
          error: 'Savepoint trigger failed',
        }),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'ACTIVE_BLUE (warning: Savepoint trigger failed)',
    });
  });

  it('is Degraded when the active job is crash-looping', () => {
    expect(
      flinkBlueGreenDeploymentHealth(
        bg({
          blueGreenState: 'ACTIVE_BLUE',
          jobStatus: { state: 'RESTARTING' },
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Job crash-looping (RESTARTING) in ACTIVE_BLUE',
    });
  });

  it('is Progressing through initialisation, transitions and savepoints', () => {
    const cases: Array<[string, string]> = [
      ['INITIALIZING_BLUE', 'Initializing blue deployment'],
      ['TRANSITIONING_TO_BLUE', 'Rolling back to blue deployment'],
      ['TRANSITIONING_TO_GREEN', 'Transitioning to green deployment'],
      ['SAVEPOINTING_BLUE', 'Taking savepoint: SAVEPOINTING_BLUE'],
      ['SAVEPOINTING_GREEN', 'Taking savepoint: SAVEPOINTING_GREEN'],
    ];
    for (const [state, message] of cases) {
      expect(
        flinkBlueGreenDeploymentHealth(
          bg({ blueGreenState: state, jobStatus: { state: 'FAILED' } }),
        ),
      ).toEqual({ status: 'Progressing', message });
    }
  });

  it('without a known state, reports a failed job as being recovered', () => {
    expect(
      flinkBlueGreenDeploymentHealth(bg({ jobStatus: { state: 'FAILED' } })),
    ).toEqual({
      status: 'Progressing',
      message: 'Job failed, operator recovering',
    });
    expect(
      flinkBlueGreenDeploymentHealth(
        bg({ jobStatus: { state: 'FAILED' }, error: 'oom' }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Job failed, operator recovering: oom',
    });
  });

  it('otherwise waits for the operator, mentioning its error', () => {
    expect(
      flinkBlueGreenDeploymentHealth(bg({ blueGreenState: 'NEW' })),
    ).toEqual(waiting);
    expect(flinkBlueGreenDeploymentHealth(bg({ error: 'busy' }))).toEqual({
      status: 'Progressing',
      message: 'Operator processing: busy',
    });
  });

  it('fails like the script when the error cannot be joined as text', () => {
    expect(
      flinkBlueGreenDeploymentHealth(bg({ error: { code: 1 } })).status,
    ).toBe('Unknown');
  });
});

describe('Flink FlinkSessionJob health', () => {
  const job = (status?: object) =>
    kube(API, 'FlinkSessionJob', status === undefined ? {} : { status });

  it('maps job states to health, quoting the state', () => {
    const cases: Array<[string, string]> = [
      ['RUNNING', 'Healthy'],
      ['FINISHED', 'Healthy'],
      ['RECONCILING', 'Progressing'],
      ['CREATED', 'Progressing'],
      ['SUSPENDED', 'Suspended'],
      ['CANCELED', 'Suspended'],
    ];
    for (const [state, status] of cases) {
      expect(flinkSessionJobHealth(job({ jobStatus: { state } }))).toEqual({
        status,
        message: state,
      });
    }
  });

  it('is Degraded when the job failed, with the error or a default', () => {
    expect(
      flinkSessionJobHealth(
        job({ jobStatus: { state: 'FAILED' }, error: 'boom' }),
      ),
    ).toEqual({ status: 'Degraded', message: 'boom' });
    expect(
      flinkSessionJobHealth(job({ jobStatus: { state: 'FAILED' } })),
    ).toEqual({
      status: 'Degraded',
      message: 'FlinkSessionJob failed',
    });
  });

  it('is Degraded on an error without a known job state', () => {
    expect(
      flinkSessionJobHealth(
        job({ jobStatus: { state: 'UNKNOWN' }, error: 'no cluster' }),
      ),
    ).toEqual({ status: 'Degraded', message: 'no cluster' });
    expect(flinkSessionJobHealth(job({ error: 'no cluster' }))).toEqual({
      status: 'Degraded',
      message: 'no cluster',
    });
  });

  it('waits for reconciliation otherwise', () => {
    expect(flinkSessionJobHealth(job())).toEqual({
      status: 'Progressing',
      message: 'Waiting for FlinkSessionJob to be reconciled',
    });
  });
});

describe('flinkHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(Object.keys(flinkHealthChecks).sort()).toEqual([
      'flink.apache.org/FlinkBlueGreenDeployment',
      'flink.apache.org/FlinkDeployment',
      'flink.apache.org/FlinkSessionJob',
    ]);
  });
});
