import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, int, isNil, list, record } from '../fields';
import { textOr } from './luaValues';

const bugReport =
  'Ensure your ArgoCD is current and then check for/file a bug report: https://github.com/argoproj/argo-cd/issues';

/** What a Ready Elasticsearch cluster's `status.health` colour means. */
const ELASTICSEARCH_READY: ReadonlyMap<unknown, ResourceHealth> = new Map([
  [
    'green',
    { status: 'Healthy', message: 'Elasticsearch Cluster status is Green' },
  ],
  [
    'yellow',
    {
      status: 'Progressing',
      message:
        'Elasticsearch Cluster status is Yellow. Check the status of indices, replicas and shards',
    },
  ],
  [
    'red',
    {
      status: 'Degraded',
      message:
        'Elasticsearch Cluster status is Red. Check the status of indices, replicas and shards',
    },
  ],
]);

/** Elasticsearch phases other than Ready that have a health of their own. */
const ELASTICSEARCH_PHASES: ReadonlyMap<unknown, ResourceHealth> = new Map([
  [
    'ApplyingChanges',
    {
      status: 'Progressing',
      message: 'Elasticsearch phase is ApplyingChanges',
    },
  ],
  [
    'MigratingData',
    { status: 'Progressing', message: 'Elasticsearch phase is MigratingData' },
  ],
  [
    'Invalid',
    { status: 'Degraded', message: 'Elasticsearch phase is Invalid' },
  ],
]);

/**
 * ECK `Elasticsearch` health. Fewer available nodes than the node sets ask
 * for is Progressing; with all of them up, a Ready cluster is judged by its
 * health colour (yellow, unassigned replicas, is still Progressing) and the
 * ApplyingChanges, MigratingData and Invalid phases by the phase. Anything
 * else, including more nodes than asked for, is Unknown.
 * @public
 */
export function elasticsearchHealth(obj: KubeObject): ResourceHealth {
  const status = record(at(obj, 'status'));
  if (!isNil(status.availableNodes)) {
    const desired = list(at(obj, 'spec', 'nodeSets')).reduce(
      (sum: number, nodeSet) => sum + int(record(nodeSet).count),
      0,
    );
    const available = int(status.availableNodes);
    if (available < desired) {
      return {
        status: 'Progressing',
        message: `The desired amount of availableNodes is ${desired} but the current amount is ${textOr(
          status.availableNodes,
          '',
        )}`,
      };
    }
    if (
      available === desired &&
      !isNil(status.phase) &&
      !isNil(status.health)
    ) {
      const known =
        status.phase === 'Ready'
          ? ELASTICSEARCH_READY.get(status.health)
          : ELASTICSEARCH_PHASES.get(status.phase);
      if (known) return { ...known };
    }
  }
  return {
    status: 'Unknown',
    message: `Elasticsearch Cluster status is unknown. ${bugReport}`,
  };
}

/**
 * ECK `Beat` health from `status.health`: red is Degraded, green Healthy,
 * yellow (or no colour yet) Progressing, telling how many instances are up
 * when the operator reports both counts. A colour it does not know is
 * Unknown, as is a status with neither a colour nor an expected node count.
 * @public
 */
export function beatHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  const health = at(status, 'health');
  const expected = at(status, 'expectedNodes');
  if (!isNil(status) && (!isNil(health) || !isNil(expected))) {
    if (health === 'red') {
      return { status: 'Degraded', message: 'Elastic Beat status is Red' };
    }
    if (health === 'green') {
      return { status: 'Healthy', message: 'Elastic Beat status is Green' };
    }
    if (health === 'yellow') {
      const available = at(status, 'availableNodes');
      if (!isNil(available) && !isNil(expected)) {
        return {
          status: 'Progressing',
          message: `Elastic Beat status is deploying, there is ${textOr(
            available,
            '',
          )} instance(s) on ${textOr(expected, '')} expected`,
        };
      }
      return {
        status: 'Progressing',
        message: 'Elastic Beat phase is progressing',
      };
    }
    if (isNil(health)) {
      return {
        status: 'Progressing',
        message: 'Elastic Beat phase is progressing',
      };
    }
  }
  return {
    status: 'Unknown',
    message: `Elastic Beat status is unknown. ${bugReport}`,
  };
}

/**
 * Slipway's checks for Elastic Cloud on Kubernetes (ECK) kinds, keyed as
 * Argo CD's resource_customizations folders are named.
 * @public
 */
export const elasticHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'elasticsearch.k8s.elastic.co/Elasticsearch': elasticsearchHealth,
  'beat.k8s.elastic.co/Beat': beatHealth,
};
