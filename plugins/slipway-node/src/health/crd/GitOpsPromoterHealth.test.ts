import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import {
  argoCDCommitStatusHealth,
  clusterScmProviderHealth,
  commitStatusHealth,
  gitCommitStatusHealth,
  promoterGitRepositoryHealth,
  pullRequestHealth,
  scmProviderHealth,
  timedCommitStatusHealth,
  webRequestCommitStatusHealth,
} from './GitOpsPromoterHealth';
import { kube } from '../testObjects';

const API = 'promoter.argoproj.io/v1alpha1';
const ready = (status: string, more: object = {}) => ({
  type: 'Ready',
  status,
  ...more,
});
const promoter = (kind: string, status?: object, generation?: number) =>
  kube(API, kind, { status }, { generation });
/** A status whose Ready condition says "reconciled", plus kind fields. */
const reconciled = (more: object = {}) => ({
  conditions: [ready('True')],
  ...more,
});

type Check = (obj: KubeObject) => ResourceHealth;

describe.each<[string, Check, Record<string, string>]>([
  [
    'ScmProvider',
    scmProviderHealth,
    {
      initializing: 'Initializing SCM provider',
      failed: 'SCM provider validation failed',
      notReady: 'SCM provider not ready',
      unknown: 'SCM provider readiness unknown',
      healthy: 'SCM provider is ready',
    },
  ],
  [
    'ClusterScmProvider',
    clusterScmProviderHealth,
    {
      initializing: 'Initializing cluster SCM provider',
      failed: 'Cluster SCM provider validation failed',
      notReady: 'Cluster SCM provider not ready',
      unknown: 'Cluster SCM provider readiness unknown',
      healthy: 'Cluster SCM provider is ready',
    },
  ],
  [
    'GitRepository',
    promoterGitRepositoryHealth,
    {
      initializing: 'Initializing Git repository',
      failed: 'Git repository validation failed',
      notReady: 'Git repository not ready',
      unknown: 'Git repository readiness unknown',
      healthy: 'Git repository is ready',
    },
  ],
  [
    'GitCommitStatus',
    gitCommitStatusHealth,
    {
      initializing: 'Initializing git commit validation',
      failed: 'Git commit validation failed',
      notReady: 'Git commit validation not ready',
      unknown: 'Git commit validation status unknown',
      healthy: 'Git commit validation reconciled',
    },
  ],
  [
    'TimedCommitStatus',
    timedCommitStatusHealth,
    {
      initializing: 'Initializing timed commit gate',
      failed: 'Timed commit gate failed',
      notReady: 'Timed commit gate not ready',
      unknown: 'Timed commit gate status unknown',
      healthy: 'Timed commit gate reconciled',
    },
  ],
  [
    'WebRequestCommitStatus',
    webRequestCommitStatusHealth,
    {
      initializing: 'Initializing web request commit validation',
      failed: 'Web request commit validation failed',
      notReady: 'Web request commit validation not ready',
      unknown: 'Web request commit validation unknown',
      healthy: 'Web request commit validation reconciled',
    },
  ],
])('GitOps Promoter %s (Ready condition)', (kind, check, words) => {
  it('is initializing until the controller writes a status', () => {
    expect(check(promoter(kind))).toEqual({
      status: 'Progressing',
      message: words.initializing,
    });
  });

  it('waits for a Ready condition for the current generation', () => {
    expect(check(promoter(kind, { conditions: [] }))).toEqual({
      status: 'Progressing',
      message: `${kind} Ready condition is missing`,
    });
    expect(
      check(
        promoter(
          kind,
          { conditions: [ready('True', { observedGeneration: 1 })] },
          2,
        ),
      ),
    ).toEqual({
      status: 'Progressing',
      message: `Waiting for ${kind} spec update to be observed`,
    });
  });

  it('is degraded when Ready is False, naming the reason unless it is a reconciliation error', () => {
    expect(
      check(
        promoter(kind, {
          conditions: [
            ready('False', {
              reason: 'ReconciliationError',
              message: 'bad token',
            }),
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: `${words.failed}: bad token` });
    expect(
      check(
        promoter(kind, { conditions: [ready('False', { reason: 'Auth' })] }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: `${words.notReady} (Auth): Unknown error`,
    });
  });

  it('is progressing while Ready is Unknown', () => {
    expect(
      check(
        promoter(kind, {
          conditions: [ready('Unknown', { message: 'probing' })],
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: `${words.unknown} (Unknown): probing`,
    });
  });

  it('is healthy once Ready is True', () => {
    expect(check(promoter(kind, reconciled()))).toEqual({
      status: 'Healthy',
      message: words.healthy,
    });
  });
});

describe.each<[string, Check, string, string, string]>([
  [
    'GitCommitStatus',
    gitCommitStatusHealth,
    'Git commit validation failed for branch(es): ',
    'Git commit validation pending for branch(es): ',
    'Git commit validation passed for 2 environment(s)',
  ],
  [
    'TimedCommitStatus',
    timedCommitStatusHealth,
    'Timed commit gate failed for branch(es): ',
    'Timed commit gate pending for branch(es): ',
    'Timed commit gate satisfied for 2 environment(s)',
  ],
  [
    'WebRequestCommitStatus',
    webRequestCommitStatusHealth,
    'Web request validation failed for branch(es): ',
    'Web request validation pending for branch(es): ',
    'Web request validation passed for 2 environment(s)',
  ],
])(
  'GitOps Promoter %s (per environment)',
  (kind, check, failed, pending, passed) => {
    const gate = (environments: object[]) =>
      check(promoter(kind, reconciled({ environments })));

    it('is degraded when any branch failed', () => {
      expect(
        gate([
          { branch: 'dev', phase: 'failure' },
          { branch: 'stg', phase: 'pending' },
          { phase: 'failure' },
        ]),
      ).toEqual({ status: 'Degraded', message: `${failed}dev, ?` });
    });

    it('is progressing while a branch has not succeeded (no phase means pending)', () => {
      expect(
        gate([{ branch: 'dev', phase: 'success' }, { branch: 'stg' }]),
      ).toEqual({ status: 'Progressing', message: `${pending}stg` });
    });

    it('is healthy when every branch succeeded', () => {
      expect(
        gate([
          { branch: 'dev', phase: 'success' },
          { branch: 'stg', phase: 'success' },
        ]),
      ).toEqual({ status: 'Healthy', message: passed });
    });
  },
);

describe('GitOps Promoter older Ready handling', () => {
  it('treats only a ReconciliationError as a failure', () => {
    const failing = (reason: string) =>
      promoter('CommitStatus', {
        conditions: [
          ready('False', { reason, message: 'Something went wrong' }),
        ],
      });
    expect(commitStatusHealth(failing('ReconciliationError'))).toEqual({
      status: 'Degraded',
      message: 'Commit status reconciliation failed: Something went wrong',
    });
    expect(commitStatusHealth(failing('Other')).status).toBe('Healthy');
  });

  it('waits while Ready is missing or stale', () => {
    expect(commitStatusHealth(promoter('CommitStatus'))).toEqual({
      status: 'Progressing',
      message: 'Initializing commit status',
    });
    expect(commitStatusHealth(promoter('CommitStatus', {}))).toEqual({
      status: 'Progressing',
      message: 'Commit status is not ready yet',
    });
    expect(
      commitStatusHealth(
        promoter(
          'CommitStatus',
          { conditions: [ready('True', { observedGeneration: 1 })] },
          2,
        ),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for commit status spec update to be observed',
    });
  });
});

describe('GitOps Promoter CommitStatus', () => {
  it('names the phase reported for a commit', () => {
    expect(
      commitStatusHealth(
        promoter(
          'CommitStatus',
          reconciled({ sha: 'abc1234', phase: 'failure' }),
        ),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'Commit status for commit abc1234 reports failure',
    });
    expect(commitStatusHealth(promoter('CommitStatus', reconciled()))).toEqual({
      status: 'Healthy',
      message: 'Commit status is healthy',
    });
  });
});

describe('GitOps Promoter ArgoCDCommitStatus', () => {
  it('is degraded when it selects no application', () => {
    expect(
      argoCDCommitStatusHealth(promoter('ArgoCDCommitStatus', reconciled())),
    ).toEqual({
      status: 'Degraded',
      message: 'Argo CD commit status has no applications configured',
    });
  });

  it('is healthy while tracking applications', () => {
    expect(
      argoCDCommitStatusHealth(
        promoter(
          'ArgoCDCommitStatus',
          reconciled({ applicationsSelected: [{ name: 'a' }, { name: 'b' }] }),
        ),
      ),
    ).toEqual({
      status: 'Healthy',
      message:
        'Argo CD commit status is healthy and is tracking 2 applications',
    });
  });

  it('fails on a ReconciliationError', () => {
    expect(
      argoCDCommitStatusHealth(
        promoter('ArgoCDCommitStatus', {
          conditions: [ready('False', { reason: 'ReconciliationError' })],
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Argo CD commit status reconciliation failed: Unknown error',
    });
  });
});

describe('GitOps Promoter PullRequest', () => {
  const pr = (status?: object) =>
    pullRequestHealth(promoter('PullRequest', status));

  it('reads a Ready or Reconciled condition; any False one is Degraded', () => {
    expect(
      pr({
        conditions: [
          {
            type: 'Reconciled',
            status: 'False',
            reason: 'MergeConflict',
            message: 'conflict',
          },
        ],
      }),
    ).toEqual({
      status: 'Degraded',
      message: 'Pull request reconciliation failed (MergeConflict): conflict',
    });
    expect(
      pr({
        conditions: [
          ready('False', { reason: 'ReconciliationError', message: 'x' }),
        ],
      }),
    ).toEqual({
      status: 'Degraded',
      message: 'Pull request reconciliation failed: x',
    });
    expect(pr({ conditions: [] })).toEqual({
      status: 'Progressing',
      message: 'Pull request is not ready yet',
    });
  });

  it('names the pull request once reconciled', () => {
    expect(pr(reconciled({ id: '42', state: 'open' }))).toEqual({
      status: 'Healthy',
      message: 'Pull request is open as PR 42',
    });
    expect(pr(reconciled())).toEqual({
      status: 'Healthy',
      message: 'Pull request is healthy',
    });
  });
});
