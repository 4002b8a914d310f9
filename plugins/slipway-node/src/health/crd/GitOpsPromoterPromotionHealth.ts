import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, list, record } from '../fields';
import {
  argoCDCommitStatusHealth,
  clusterScmProviderHealth,
  commitStatusHealth,
  gitCommitStatusHealth,
  olderWords,
  promoterGitRepositoryHealth,
  pullRequestHealth,
  readyGate,
  scmProviderHealth,
  timedCommitStatusHealth,
  webRequestCommitStatusHealth,
} from './GitOpsPromoterHealth';
import { textOr } from './luaValues';

/*
 * GitOps Promoter's promotion kinds: a ChangeTransferPolicy moves one
 * environment from its active to its proposed dry commit once the commit
 * statuses (gates) allow it; a PromotionStrategy drives all environments.
 */

/** The first 7 characters of a commit SHA. */
const shortSha = (sha: string) => sha.slice(0, 7);

/** The dry SHA of a commit in a promotion status, or '' when missing. */
const drySha = (commit: unknown) => textOr(at(commit, 'dry', 'sha'), '');

/** Appends a value as Lua's table.insert does: nil adds nothing. */
function pushText(to: string[], value: unknown) {
  if (typeof value === 'string' || typeof value === 'number') {
    to.push(String(value));
  }
}

/** Commit statuses tallied by phase, with the keys of the unsuccessful. */
function tallyStatuses(statuses: unknown) {
  const t = { pending: [] as string[], failed: [] as string[], success: 0 };
  let pending = 0;
  let failed = 0;
  for (const s of list(statuses).map(record)) {
    if (s.phase === 'pending') {
      pending++;
      pushText(t.pending, s.key);
    } else if (s.phase === 'success') {
      t.success++;
    } else if (s.phase === 'failure') {
      failed++;
      pushText(t.failed, s.key);
    }
  }
  const counts = `${pending} pending, ${t.success} successful, ${failed} failed. `;
  let keys = '';
  if (pending > 0) keys += `Pending commit statuses: ${t.pending.join(', ')}. `;
  if (failed > 0) keys += `Failed commit statuses: ${t.failed.join(', ')}. `;
  return { pending, failed, summary: counts + keys };
}

/**
 * GitOps Promoter `ChangeTransferPolicy` (one environment): Progressing
 * while a proposed commit waits for promotion, summarizing its commit
 * statuses; Healthy once active, mentioning active statuses not yet green.
 * @public
 */
export function changeTransferPolicyHealth(obj: KubeObject): ResourceHealth {
  const gate = readyGate(obj, olderWords('change transfer policy'));
  if (gate) return gate;
  const status = at(obj, 'status');
  const active = drySha(at(status, 'active'));
  const proposed = drySha(at(status, 'proposed'));
  for (const [which, sha] of [
    ['active', active],
    ['proposed', proposed],
  ]) {
    if (sha === '') {
      return {
        status: 'Progressing',
        message: `The ${which} commit DRY SHA is missing or empty.`,
      };
    }
  }
  if (proposed !== active) {
    const t = tallyStatuses(at(status, 'proposed', 'commitStatuses'));
    return {
      status: 'Progressing',
      message: `Promotion in progress from '${shortSha(active)}' to '${shortSha(
        proposed,
      )}': ${t.summary}`,
    };
  }
  const t = tallyStatuses(at(status, 'active', 'commitStatuses'));
  if (t.pending > 0 || t.failed > 0) {
    return {
      status: 'Healthy',
      message: `Environment is up-to-date, but there are non-successful active commit statuses: ${t.summary}`,
    };
  }
  return {
    status: 'Healthy',
    message: `Environment is up-to-date on commit ${shortSha(active)}.`,
  };
}

/**
 * GitOps Promoter `PromotionStrategy` (all environments): Progressing while
 * hydration is uneven or an environment has a commit to promote; Healthy
 * once every environment runs the same commit, listing environments whose
 * active commit statuses are not all green.
 * @public
 */
export function promotionStrategyHealth(obj: KubeObject): ResourceHealth {
  const gate = readyGate(obj, olderWords('promotion strategy'));
  if (gate) return gate;
  const envs = list(at(obj, 'status', 'environments')).map(record);
  if (envs.length === 0) {
    return {
      status: 'Degraded',
      message: 'Promotion strategy has no environments configured',
    };
  }
  const shas = envs.map(env => ({
    branch: textOr(env.branch, ''),
    active: drySha(env.active),
    proposed: drySha(env.proposed),
    env,
  }));
  for (const e of shas) {
    for (const [which, sha] of [
      ['active', e.active],
      ['proposed', e.proposed],
    ]) {
      if (sha === '') {
        return {
          status: 'Progressing',
          message: `The ${which} commit DRY SHA is missing or empty in environment '${e.branch}'.`,
        };
      }
    }
  }
  if (shas.some(e => e.proposed !== shas[0].proposed)) {
    return {
      status: 'Progressing',
      message:
        'Not all environments have the same proposed commit SHA. This likely means the hydrator has not run for all environments yet.',
    };
  }
  const promoting = shas.find(e => e.proposed !== e.active);
  if (promoting) {
    const t = tallyStatuses(at(promoting.env, 'proposed', 'commitStatuses'));
    return {
      status: 'Progressing',
      message: `Promotion in progress for environment '${
        promoting.branch
      }' from '${shortSha(promoting.active)}' to '${shortSha(
        promoting.proposed,
      )}': ${t.summary}`,
    };
  }
  // Keyed by branch, in first-seen order, as the Lua table iterates.
  const notGreen = new Map<string, { pending: number; failed: number }>();
  for (const e of shas) {
    const t = tallyStatuses(at(e.env, 'active', 'commitStatuses'));
    if (t.pending > 0 || t.failed > 0) notGreen.set(e.branch, t);
  }
  if (notGreen.size > 0) {
    const parts = [...notGreen].map(
      ([branch, t]) => `${branch} (${t.failed} failed, ${t.pending} pending)`,
    );
    return {
      status: 'Healthy',
      message: `Environments are up-to-date, but some environments have non-successful commit statuses: ${parts.join(
        ', ',
      )}.`,
    };
  }
  return {
    status: 'Healthy',
    message: `All environments are up-to-date on commit '${shortSha(
      shas[0].proposed,
    )}'.`,
  };
}

/**
 * Slipway's checks for GitOps Promoter kinds, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const gitopsPromoterHealthChecks: Readonly<Record<string, HealthCheck>> =
  {
    'promoter.argoproj.io/ArgoCDCommitStatus': argoCDCommitStatusHealth,
    'promoter.argoproj.io/ChangeTransferPolicy': changeTransferPolicyHealth,
    'promoter.argoproj.io/ClusterScmProvider': clusterScmProviderHealth,
    'promoter.argoproj.io/CommitStatus': commitStatusHealth,
    'promoter.argoproj.io/GitCommitStatus': gitCommitStatusHealth,
    'promoter.argoproj.io/GitRepository': promoterGitRepositoryHealth,
    'promoter.argoproj.io/PromotionStrategy': promotionStrategyHealth,
    'promoter.argoproj.io/PullRequest': pullRequestHealth,
    'promoter.argoproj.io/ScmProvider': scmProviderHealth,
    'promoter.argoproj.io/TimedCommitStatus': timedCommitStatusHealth,
    'promoter.argoproj.io/WebRequestCommitStatus': webRequestCommitStatusHealth,
  };
