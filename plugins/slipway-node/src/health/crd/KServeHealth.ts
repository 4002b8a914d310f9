import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, list, record } from '../fields';
import { tallyConditions, tallyHealth } from './KnativeHealth';

/**
 * The conditions a serverless InferenceService reports True once it serves;
 * a RawDeployment one (plain Deployment, no Knative) reports only three.
 */
const INFERENCE_READY_TYPES = [
  'IngressReady',
  'PredictorConfigurationReady',
  'PredictorReady',
  'PredictorRouteReady',
  'Ready',
];

function rawDeploymentMode(obj: KubeObject): boolean {
  return (
    obj.metadata?.annotations?.['serving.kserve.io/deploymentMode'] ===
    'RawDeployment'
  );
}

/**
 * KServe `InferenceService` health, read like a Knative Service: Healthy
 * when all five readiness conditions (three in RawDeployment mode) are True
 * and none is False or Unknown; a False condition makes it Degraded.
 * @public
 */
export function inferenceServiceHealth(obj: KubeObject): ResourceHealth {
  const raw = rawDeploymentMode(obj);
  return tallyHealth(
    tallyConditions(obj, INFERENCE_READY_TYPES),
    ready => (raw && ready === 3) || ready === 5,
    'Inference Service is healthy.',
  );
}

const LLM_WAITING = 'Waiting for LLMInferenceService to report status...';

/** Lua's `~=` between two JSON values, with JSON null as nil. */
function differs(a: unknown, b: unknown): boolean {
  return (isNil(a) ? undefined : a) !== (isNil(b) ? undefined : b);
}

/**
 * KServe `LLMInferenceService` health. KServe folds the dependent
 * conditions into `Ready`, so `Ready` decides; the dependents that are not
 * True explain the verdict. A stale status (observed generation behind the
 * spec) is Progressing, because its Ready may predate the latest change; a
 * controller that marked conditions `Stopped` means the service was stopped
 * on purpose: Suspended.
 * @public
 */
export function llmInferenceServiceHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  const conditions = at(status, 'conditions');
  if (isNil(status) || isNil(conditions)) {
    return { status: 'Progressing', message: LLM_WAITING };
  }
  let ready: Record<string, any> | undefined;
  let stopped = false;
  const notReady: string[] = [];
  for (const c of list(conditions).map(record)) {
    if (c.reason === 'Stopped') stopped = true;
    if (c.type === 'Ready') {
      ready = c;
    } else if (c.status !== 'True') {
      let line = `${c.type}: ${c.status}`;
      if (typeof c.reason === 'string' && c.reason !== '') {
        line += ` | ${c.reason}`;
      }
      if (typeof c.message === 'string' && c.message !== '') {
        line += ` | ${c.message}`;
      }
      notReady.push(line);
    }
  }
  const generation = obj.metadata?.generation;
  if (
    !isNil(generation) &&
    ((!isNil(at(status, 'observedGeneration')) &&
      differs(at(status, 'observedGeneration'), generation)) ||
      (!isNil(ready?.observedGeneration) &&
        differs(ready?.observedGeneration, generation)))
  ) {
    return {
      status: 'Progressing',
      message:
        'Waiting for LLMInferenceService reconciliation (generation mismatch)',
    };
  }
  if (stopped) {
    return { status: 'Suspended', message: 'LLMInferenceService is Stopped' };
  }
  if (ready?.status === 'True') {
    return { status: 'Healthy', message: 'LLMInferenceService is healthy.' };
  }
  let message = LLM_WAITING;
  if (notReady.length > 0) message = notReady.join('; ');
  else if (typeof ready?.message === 'string' && ready.message !== '') {
    message = ready.message;
  }
  return {
    status: ready?.status === 'False' ? 'Degraded' : 'Progressing',
    message,
  };
}

/**
 * Slipway's checks for KServe kinds, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const kserveHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'serving.kserve.io/InferenceService': inferenceServiceHealth,
  'serving.kserve.io/LLMInferenceService': llmInferenceServiceHealth,
};
