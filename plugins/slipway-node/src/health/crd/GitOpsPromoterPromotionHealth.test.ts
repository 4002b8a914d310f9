import {
  changeTransferPolicyHealth,
  gitopsPromoterHealthChecks,
  promotionStrategyHealth,
} from './GitOpsPromoterPromotionHealth';
import { kube } from '../testObjects';

const promoter = (kind: string, environmentsOrCommits: object) =>
  kube('promoter.argoproj.io/v1alpha1', kind, {
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      ...environmentsOrCommits,
    },
  });

const commit = (sha: string, commitStatuses?: object[]) => ({
  dry: { sha },
  commitStatuses,
});
const statuses = [
  { key: 'lint', phase: 'pending' },
  { key: 'e2e', phase: 'failure' },
  { key: 'unit', phase: 'success' },
];

describe('GitOps Promoter ChangeTransferPolicy', () => {
  const ctp = (more: object) =>
    changeTransferPolicyHealth(promoter('ChangeTransferPolicy', more));

  it('trusts its commits only once reconciled', () => {
    expect(
      changeTransferPolicyHealth(
        kube('promoter.argoproj.io/v1alpha1', 'ChangeTransferPolicy', {
          status: {
            conditions: [
              {
                type: 'Ready',
                status: 'False',
                reason: 'ReconciliationError',
                message: 'git push failed',
              },
            ],
          },
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Change transfer policy reconciliation failed: git push failed',
    });
  });

  it('waits for both dry commits to be known', () => {
    expect(ctp({ proposed: commit('b') })).toEqual({
      status: 'Progressing',
      message: 'The active commit DRY SHA is missing or empty.',
    });
    expect(ctp({ active: commit('a'), proposed: commit('') })).toEqual({
      status: 'Progressing',
      message: 'The proposed commit DRY SHA is missing or empty.',
    });
  });

  it('summarizes the gates of a commit being promoted', () => {
    expect(
      ctp({
        active: commit('abcdef0123'),
        proposed: commit('1234567890', statuses),
      }),
    ).toEqual({
      status: 'Progressing',
      message:
        "Promotion in progress from 'abcdef0' to '1234567': 1 pending, 1 successful, 1 failed. " +
        'Pending commit statuses: lint. Failed commit statuses: e2e. ',
    });
  });

  it('is healthy once up to date, mentioning active gates not yet green', () => {
    expect(
      ctp({
        active: commit('abcdef0123', statuses),
        proposed: commit('abcdef0123'),
      }),
    ).toEqual({
      status: 'Healthy',
      message:
        'Environment is up-to-date, but there are non-successful active commit statuses: ' +
        '1 pending, 1 successful, 1 failed. Pending commit statuses: lint. Failed commit statuses: e2e. ',
    });
    expect(
      ctp({ active: commit('abcdef0123'), proposed: commit('abcdef0123') }),
    ).toEqual({
      status: 'Healthy',
      message: 'Environment is up-to-date on commit abcdef0.',
    });
  });
});

describe('GitOps Promoter PromotionStrategy', () => {
  const env = (branch: string, active: object, proposed: object) => ({
    branch,
    active,
    proposed,
  });
  const strategy = (environments?: object[]) =>
    promotionStrategyHealth(promoter('PromotionStrategy', { environments }));

  it('is initializing until the controller writes a status', () => {
    expect(
      promotionStrategyHealth(
        kube('promoter.argoproj.io/v1alpha1', 'PromotionStrategy'),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Initializing promotion strategy',
    });
  });

  it('is degraded without environments', () => {
    expect(strategy()).toEqual({
      status: 'Degraded',
      message: 'Promotion strategy has no environments configured',
    });
  });

  it('waits for every environment to know its dry commits', () => {
    expect(strategy([{ branch: 'dev', proposed: commit('a') }])).toEqual({
      status: 'Progressing',
      message:
        "The active commit DRY SHA is missing or empty in environment 'dev'.",
    });
    expect(strategy([{ branch: 'dev', active: commit('a') }])).toEqual({
      status: 'Progressing',
      message:
        "The proposed commit DRY SHA is missing or empty in environment 'dev'.",
    });
  });

  it('waits for the hydrator to propose the same commit everywhere', () => {
    expect(
      strategy([
        env('dev', commit('a'), commit('b')),
        env('stg', commit('a'), commit('c')),
      ]),
    ).toEqual({
      status: 'Progressing',
      message:
        'Not all environments have the same proposed commit SHA. This likely means the hydrator has not run for all environments yet.',
    });
  });

  it('reports the first environment still promoting', () => {
    expect(
      strategy([
        env('dev', commit('bbbbbbbbbb'), commit('bbbbbbbbbb')),
        env('stg', commit('aaaaaaaaaa'), commit('bbbbbbbbbb', statuses)),
      ]),
    ).toEqual({
      status: 'Progressing',
      message:
        "Promotion in progress for environment 'stg' from 'aaaaaaa' to 'bbbbbbb': 1 pending, 1 successful, 1 failed. " +
        'Pending commit statuses: lint. Failed commit statuses: e2e. ',
    });
  });

  it('is healthy when all are up to date, listing environments not all green', () => {
    expect(
      strategy([
        env('prd', commit('a', [{ phase: 'failure' }]), commit('a')),
        env('dev', commit('a', [{ phase: 'success' }]), commit('a')),
        env(
          'stg',
          commit('a', [{ phase: 'pending' }, { phase: 'pending' }]),
          commit('a'),
        ),
      ]),
    ).toEqual({
      status: 'Healthy',
      message:
        'Environments are up-to-date, but some environments have non-successful commit statuses: ' +
        'prd (1 failed, 0 pending), stg (0 failed, 2 pending).',
    });
    expect(
      strategy([env('dev', commit('abcdef0123'), commit('abcdef0123'))]),
    ).toEqual({
      status: 'Healthy',
      message: "All environments are up-to-date on commit 'abcdef0'.",
    });
  });
});

it('registers every GitOps Promoter kind under its Argo CD folder name', () => {
  expect(Object.keys(gitopsPromoterHealthChecks).sort()).toEqual(
    [
      'ArgoCDCommitStatus',
      'ChangeTransferPolicy',
      'ClusterScmProvider',
      'CommitStatus',
      'GitCommitStatus',
      'GitRepository',
      'PromotionStrategy',
      'PullRequest',
      'ScmProvider',
      'TimedCommitStatus',
      'WebRequestCommitStatus',
    ].map(kind => `promoter.argoproj.io/${kind}`),
  );
});
