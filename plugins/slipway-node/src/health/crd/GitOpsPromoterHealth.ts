import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { at, list, record } from '../fields';
import { luaTruthy, textOr } from './luaValues';

/*
 * GitOps Promoter (promoter.argoproj.io) kinds all report a `Ready`
 * condition first; only once it says the object is reconciled does the
 * kind-specific part of the status count. Argo CD's scripts come in two
 * generations: the older ones treat only a ReconciliationError as a failure,
 * the newer ones any False Ready and report an Unknown one.
 */

/** The words one kind uses while its Ready condition is not yet good. */
export interface ReadyWords {
  /** Before the controller wrote any status. */
  initializing: string;
  /** Who is waiting in "Waiting for X spec update to be observed". */
  subject: string;
  /** Ready is missing. */
  missing: string;
  /** Prefix of "<failed>: message" for a ReconciliationError. */
  failed: string;
  /**
   * Newer scripts: prefix of "<notReady> (reason): message" for any other
   * False Ready and of "<unknown> (reason): message" for an Unknown one.
   * Older scripts ignore those.
   */
  notReady?: string;
  unknown?: string;
  /** Condition types that count as Ready. */
  types?: readonly string[];
}

/**
 * The verdict of the Ready condition, or undefined when the object is
 * reconciled and its own status decides. Every Ready-type condition is
 * looked at, in order, until one settles the matter.
 */
export function readyGate(
  obj: KubeObject,
  words: ReadyWords,
): ResourceHealth | undefined {
  const status = at(obj, 'status');
  if (!luaTruthy(status)) {
    return { status: 'Progressing', message: words.initializing };
  }
  const types = words.types ?? ['Ready'];
  const generation = obj.metadata?.generation;
  let found = false;
  const conditions = at(status, 'conditions');
  for (const c of luaTruthy(conditions) ? list(conditions).map(record) : []) {
    if (!types.includes(c.type)) continue;
    found = true;
    if (
      luaTruthy(c.observedGeneration) &&
      luaTruthy(generation) &&
      c.observedGeneration !== generation
    ) {
      return {
        status: 'Progressing',
        message: `Waiting for ${words.subject} spec update to be observed`,
      };
    }
    const reason = textOr(c.reason, 'Unknown');
    if (c.status === 'False' && reason === 'ReconciliationError') {
      return {
        status: 'Degraded',
        message: `${words.failed}: ${textOr(c.message, 'Unknown error')}`,
      };
    }
    if (c.status === 'False' && words.notReady) {
      return {
        status: 'Degraded',
        message: `${words.notReady} (${reason}): ${textOr(
          c.message,
          'Unknown error',
        )}`,
      };
    }
    if (c.status === 'Unknown' && words.unknown) {
      return {
        status: 'Progressing',
        message: `${words.unknown} (${reason}): ${textOr(
          c.message,
          'Unknown',
        )}`,
      };
    }
  }
  if (!found) return { status: 'Progressing', message: words.missing };
  return undefined;
}

/** Words of the newer scripts, which name the kind in two of them. */
function newerWords(kind: string, noun: string, extra: Partial<ReadyWords>) {
  return {
    initializing: `Initializing ${noun}`,
    subject: kind,
    missing: `${kind} Ready condition is missing`,
    failed: `${noun} validation failed`,
    notReady: `${noun} not ready`,
    unknown: `${noun} readiness unknown`,
    ...extra,
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Words of the older scripts: "<noun> reconciliation failed" and so on. */
export function olderWords(noun: string): ReadyWords {
  return {
    initializing: `Initializing ${noun}`,
    subject: noun,
    missing: `${capitalized(noun)} is not ready yet`,
    failed: `${capitalized(noun)} reconciliation failed`,
  };
}

/** GitOps Promoter `ScmProvider`: its Ready condition. @public */
export function scmProviderHealth(obj: KubeObject): ResourceHealth {
  return (
    readyGate(obj, newerWords('ScmProvider', 'SCM provider', {})) ?? {
      status: 'Healthy',
      message: 'SCM provider is ready',
    }
  );
}

/** GitOps Promoter `ClusterScmProvider`: its Ready condition. @public */
export function clusterScmProviderHealth(obj: KubeObject): ResourceHealth {
  return (
    readyGate(
      obj,
      newerWords('ClusterScmProvider', 'Cluster SCM provider', {
        initializing: 'Initializing cluster SCM provider',
      }),
    ) ?? { status: 'Healthy', message: 'Cluster SCM provider is ready' }
  );
}

/** GitOps Promoter `GitRepository`: its Ready condition. @public */
export function promoterGitRepositoryHealth(obj: KubeObject): ResourceHealth {
  return (
    readyGate(obj, newerWords('GitRepository', 'Git repository', {})) ?? {
      status: 'Healthy',
      message: 'Git repository is ready',
    }
  );
}

/** The words of one commit-gating kind that reports per environment. */
interface GateWords {
  ready: ReadyWords;
  /** Healthy message when no environment is listed. */
  reconciled: string;
  failedFor: string;
  pendingFor: string;
  passed: (count: number) => string;
}

/**
 * Commit gates (GitCommitStatus, TimedCommitStatus, WebRequestCommitStatus)
 * report a phase per environment branch: any failure is Degraded, else any
 * branch not yet successful (a missing phase counts as pending) is
 * Progressing, else Healthy.
 */
function commitGateHealth(obj: KubeObject, words: GateWords): ResourceHealth {
  const gate = readyGate(obj, words.ready);
  if (gate) return gate;
  const envs = list(at(obj, 'status', 'environments')).map(record);
  if (envs.length === 0) {
    return { status: 'Healthy', message: words.reconciled };
  }
  const failed: string[] = [];
  const pending: string[] = [];
  let passed = 0;
  for (const env of envs) {
    const branch = textOr(env.branch, '?');
    const phase = textOr(env.phase, 'pending');
    if (phase === 'failure') failed.push(branch);
    else if (phase === 'success') passed++;
    else pending.push(branch);
  }
  if (failed.length > 0) {
    return { status: 'Degraded', message: words.failedFor + failed.join(', ') };
  }
  if (pending.length > 0) {
    return {
      status: 'Progressing',
      message: words.pendingFor + pending.join(', '),
    };
  }
  return { status: 'Healthy', message: words.passed(passed) };
}

/** GitOps Promoter `GitCommitStatus`: per-environment git validation. @public */
export function gitCommitStatusHealth(obj: KubeObject): ResourceHealth {
  const noun = 'Git commit validation';
  return commitGateHealth(obj, {
    ready: newerWords('GitCommitStatus', noun, {
      initializing: 'Initializing git commit validation',
      failed: `${noun} failed`,
      unknown: `${noun} status unknown`,
    }),
    reconciled: `${noun} reconciled`,
    failedFor: `${noun} failed for branch(es): `,
    pendingFor: `${noun} pending for branch(es): `,
    passed: n => `${noun} passed for ${n} environment(s)`,
  });
}

/** GitOps Promoter `TimedCommitStatus`: per-environment wait. @public */
export function timedCommitStatusHealth(obj: KubeObject): ResourceHealth {
  const noun = 'Timed commit gate';
  return commitGateHealth(obj, {
    ready: newerWords('TimedCommitStatus', noun, {
      initializing: 'Initializing timed commit gate',
      failed: `${noun} failed`,
      unknown: `${noun} status unknown`,
    }),
    reconciled: `${noun} reconciled`,
    failedFor: `${noun} failed for branch(es): `,
    pendingFor: `${noun} pending for branch(es): `,
    passed: n => `${noun} satisfied for ${n} environment(s)`,
  });
}

/** GitOps Promoter `WebRequestCommitStatus`: per-environment HTTP gate. @public */
export function webRequestCommitStatusHealth(obj: KubeObject): ResourceHealth {
  const noun = 'Web request commit validation';
  return commitGateHealth(obj, {
    ready: newerWords('WebRequestCommitStatus', noun, {
      initializing: 'Initializing web request commit validation',
      failed: `${noun} failed`,
      unknown: `${noun} unknown`,
    }),
    reconciled: `${noun} reconciled`,
    failedFor: 'Web request validation failed for branch(es): ',
    pendingFor: 'Web request validation pending for branch(es): ',
    passed: n => `Web request validation passed for ${n} environment(s)`,
  });
}

/**
 * GitOps Promoter `PullRequest`: a False Ready (or Reconciled) condition is
 * Degraded whatever the reason; otherwise Healthy, naming the PR's state.
 * @public
 */
export function pullRequestHealth(obj: KubeObject): ResourceHealth {
  const gate = readyGate(obj, {
    ...olderWords('pull request'),
    notReady: 'Pull request reconciliation failed',
    types: ['Reconciled', 'Ready'],
  });
  if (gate) return gate;
  const { id, state } = record(at(obj, 'status'));
  if (!luaTruthy(id) || !luaTruthy(state)) {
    return { status: 'Healthy', message: 'Pull request is healthy' };
  }
  return {
    status: 'Healthy',
    message: `Pull request is ${textOr(state, '')} as PR ${textOr(id, '')}`,
  };
}

/** GitOps Promoter `CommitStatus`: Healthy once reconciled, naming the phase. @public */
export function commitStatusHealth(obj: KubeObject): ResourceHealth {
  const gate = readyGate(obj, olderWords('commit status'));
  if (gate) return gate;
  const { sha, phase } = record(at(obj, 'status'));
  if (!luaTruthy(sha) || !luaTruthy(phase)) {
    return { status: 'Healthy', message: 'Commit status is healthy' };
  }
  return {
    status: 'Healthy',
    message: `Commit status for commit ${textOr(sha, '')} reports ${textOr(
      phase,
      '',
    )}`,
  };
}

/**
 * GitOps Promoter `ArgoCDCommitStatus`: Healthy while it tracks at least one
 * application, Degraded when it selects none.
 * @public
 */
export function argoCDCommitStatusHealth(obj: KubeObject): ResourceHealth {
  const gate = readyGate(obj, olderWords('Argo CD commit status'));
  if (gate) return gate;
  const apps = list(at(obj, 'status', 'applicationsSelected')).length;
  if (apps === 0) {
    return {
      status: 'Degraded',
      message: 'Argo CD commit status has no applications configured',
    };
  }
  return {
    status: 'Healthy',
    message: `Argo CD commit status is healthy and is tracking ${apps} applications`,
  };
}
