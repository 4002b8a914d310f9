import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf } from '../fields';
import { luaEquals, withMessage } from './luaValues';

type RawCondition = Record<string, any>;

/** The first condition of `type` whose status is `status`, if any. */
function conditionWith(
  conditions: RawCondition[],
  type: string,
  status: string,
): RawCondition | undefined {
  return conditions.find(c => c.type === type && c.status === status);
}

/**
 * The first `Ready` condition that has settled (True or False): an Unknown
 * Ready condition does not decide, a later settled one still may.
 */
function settledReady(conditions: RawCondition[]): RawCondition | undefined {
  return conditions.find(
    c => c.type === 'Ready' && (c.status === 'True' || c.status === 'False'),
  );
}

/**
 * Karpenter `NodePool` health: its `Ready` condition decides, with the
 * controller's message; while Ready has not settled, a failing
 * `NodeClassReady` condition already shows it Degraded.
 * @public
 */
export function nodePoolHealth(obj: KubeObject): ResourceHealth {
  const conditions = rawConditionsOf(obj);
  const ready = settledReady(conditions);
  if (ready) {
    return withMessage(
      ready.status === 'True' ? 'Healthy' : 'Degraded',
      ready.message,
    );
  }
  const nodeClass = conditionWith(conditions, 'NodeClassReady', 'False');
  if (nodeClass) return withMessage('Degraded', nodeClass.message);
  return { status: 'Progressing', message: 'Waiting for NodePool to be ready' };
}

/**
 * The stages a `NodeClaim` passes through before its node is Ready, latest
 * first, so that the furthest stage reached is the one reported.
 */
const NODE_CLAIM_STAGES: ReadonlyArray<readonly [string, string]> = [
  ['Initialized', 'Node initialized, waiting for Ready'],
  ['Registered', 'Node registered, waiting for initialization'],
  ['Launched', 'Node launched, waiting for registration'],
];

/**
 * Karpenter `NodeClaim` health. A claim whose spec the controller has not
 * observed yet is Progressing; a claim being disrupted (expired,
 * consolidated, drifted) is Suspended, as its node is on its way out; then
 * a settled `Ready` condition decides; otherwise the furthest stage reached
 * (launched, registered, initialized) says what the claim is waiting for.
 * @public
 */
export function nodeClaimHealth(obj: KubeObject): ResourceHealth {
  const generation = at(obj, 'metadata', 'generation');
  const observed = at(obj, 'status', 'observedGeneration');
  if (
    !isNil(generation) &&
    !isNil(observed) &&
    !luaEquals(generation, observed)
  ) {
    return {
      status: 'Progressing',
      message: 'Waiting for NodeClaim spec to be reconciled',
    };
  }
  const conditions = rawConditionsOf(obj);
  const disrupting = conditionWith(conditions, 'Disrupting', 'True');
  if (disrupting) return withMessage('Suspended', disrupting.message);
  const ready = settledReady(conditions);
  if (ready) {
    return withMessage(
      ready.status === 'True' ? 'Healthy' : 'Degraded',
      ready.message,
    );
  }
  for (const [type, message] of NODE_CLAIM_STAGES) {
    if (conditionWith(conditions, type, 'True')) {
      return { status: 'Progressing', message };
    }
  }
  return {
    status: 'Progressing',
    message: 'Waiting for NodeClaim to be launched',
  };
}

/** The EC2NodeClass conditions whose failure makes the class unusable. */
const EC2_NODE_CLASS_PREREQUISITES: ReadonlySet<unknown> = new Set([
  'SubnetsReady',
  'SecurityGroupsReady',
  'ValidationSucceeded',
]);

const waitingForEc2NodeClass: ResourceHealth = {
  status: 'Progressing',
  message: 'Waiting for EC2NodeClass to be ready',
};

/**
 * Karpenter AWS `EC2NodeClass` health (group `karpenter.k8s.aws`): a
 * settled `Ready` condition decides (Healthy with a fixed message, Degraded
 * with the controller's); before that, a failed prerequisite (subnets,
 * security groups, validation) shows it Degraded with that condition's
 * message.
 * @public
 */
export function ec2NodeClassHealth(obj: KubeObject): ResourceHealth {
  const conditions = rawConditionsOf(obj);
  const ready = settledReady(conditions);
  if (ready?.status === 'True') {
    return { status: 'Healthy', message: 'EC2NodeClass is ready' };
  }
  if (ready) return withMessage('Degraded', ready.message);
  const failed = conditions.find(
    c => EC2_NODE_CLASS_PREREQUISITES.has(c.type) && c.status === 'False',
  );
  return failed
    ? withMessage('Degraded', failed.message)
    : waitingForEc2NodeClass;
}

/**
 * `EC2NodeClass` health as Argo CD also ships it under the `karpenter.sh`
 * group (where no EC2NodeClass is served, so it only applies to objects
 * that claim that group). Conditions are read in order and the first
 * decisive one wins: a failed Ready or prerequisite is Degraded, a true
 * Ready is Healthy, each with the condition's own message.
 * @public
 */
export function legacyEc2NodeClassHealth(obj: KubeObject): ResourceHealth {
  const decisive = rawConditionsOf(obj).find(
    c =>
      (c.status === 'False' &&
        (c.type === 'Ready' || EC2_NODE_CLASS_PREREQUISITES.has(c.type))) ||
      (c.status === 'True' && c.type === 'Ready'),
  );
  if (!decisive) return waitingForEc2NodeClass;
  return withMessage(
    decisive.status === 'True' ? 'Healthy' : 'Degraded',
    decisive.message,
  );
}

/**
 * Karpenter health checks, keyed as Argo CD's `resource_customizations`
 * folders are.
 * @public
 */
export const karpenterHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'karpenter.sh/NodePool': nodePoolHealth,
  'karpenter.sh/NodeClaim': nodeClaimHealth,
  'karpenter.sh/EC2NodeClass': legacyEc2NodeClassHealth,
  'karpenter.k8s.aws/EC2NodeClass': ec2NodeClassHealth,
};
