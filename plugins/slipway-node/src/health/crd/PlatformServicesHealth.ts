import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, record } from '../fields';
import { luaItems, luaText, scriptFailure, withMessage } from './luaValues';

/*
 * Health of platform services run by operators: Keycloak, the Banzai Cloud
 * (Koperator) KafkaCluster, Kiali, ECK's Logstash and GKE's
 * ManagedCertificate. Each mirrors the script Argo CD bundles for the kind.
 */

/**
 * The entries of a JSON array as a script sees them: Argo CD builds the Lua
 * table by appending each item, and appending nil adds nothing, so a null
 * entry is left out and the entries after it move up. Anything that is not
 * an array has no entries.
 */
function sequence(value: unknown): Record<string, any>[] {
  return luaItems(value).map(record);
}

/**
 * Orders conditions from the oldest transition to the newest; conditions
 * without a `lastTransitionTime` go last, so that the newest verdict a
 * controller wrote is not shadowed by an undated one. RFC 3339 timestamps of
 * the same shape sort correctly as text, which is how Argo CD compares them.
 */
function byTransitionTime(
  a: Record<string, any>,
  b: Record<string, any>,
): number {
  const left = a.lastTransitionTime;
  const right = b.lastTransitionTime;
  if (isNil(left)) return isNil(right) ? 0 : 1;
  if (isNil(right)) return -1;
  if (left < right) return -1;
  return right < left ? 1 : 0;
}

/**
 * Keycloak operator `Keycloak` health. Its conditions are read oldest first:
 * the first `Ready` or `HasErrors` condition that is True decides (Healthy
 * with an empty message, or Degraded with "Has Errors: " and the
 * condition's message). Until one does, it is Progressing with an empty
 * message; before the operator writes conditions at all, Progressing with a
 * waiting message.
 * @public
 */
export function keycloakHealth(obj: KubeObject): ResourceHealth {
  const conditions = at(obj, 'status', 'conditions');
  if (isNil(conditions)) {
    return {
      status: 'Progressing',
      message: 'Waiting for Keycloak status conditions to exist',
    };
  }
  for (const c of sequence(conditions).sort(byTransitionTime)) {
    if (c.type === 'Ready' && c.status === 'True') {
      return { status: 'Healthy', message: '' };
    }
    if (c.type === 'HasErrors' && c.status === 'True') {
      const text = luaText(c.message);
      // Argo CD's script joins the message unguarded and fails without one.
      if (text === undefined) {
        return scriptFailure('a true HasErrors condition has no message');
      }
      return { status: 'Degraded', message: `Has Errors: ${text}` };
    }
  }
  return { status: 'Progressing', message: '' };
}

/** The graceful (Cruise Control) states that leave a broker healthy. */
const SETTLED_CRUISE_CONTROL_STATES: readonly unknown[] = [
  'GracefulUpscaleSucceeded',
  'GracefulDownscaleSucceeded',
];

/**
 * Banzai Cloud (Koperator) `KafkaCluster` health. A rolling upgrade is
 * Progressing whatever the brokers say, because brokers are restarted one by
 * one during it. Otherwise every broker in `status.brokersState` (a map keyed
 * by broker id, so ids need not start at 0) must be in sync with its
 * configuration and past its graceful up- or downscale, or the cluster is
 * Degraded. With all brokers settled, a running cluster with a ready Cruise
 * Control topic is Healthy and a reconciling one (topic not ready yet) is
 * Progressing; anything else waits.
 * @public
 */
export function kafkaClusterHealth(obj: KubeObject): ResourceHealth {
  const waiting: ResourceHealth = {
    status: 'Progressing',
    message: 'Waiting for KafkaCluster',
  };
  const status = at(obj, 'status');
  if (isNil(status)) return waiting;
  const state = at(status, 'state');
  if (state === 'ClusterRollingUpgrading') {
    return {
      status: 'Progressing',
      message: 'Kafka Cluster is Rolling Upgrading.',
    };
  }
  const brokersState = at(status, 'brokersState');
  if (isNil(brokersState)) return waiting;
  if (typeof brokersState !== 'object') {
    return scriptFailure('status.brokersState is not a map of brokers');
  }
  // Lua's pairs skips null entries, so they are not brokers.
  const brokers = Object.values(brokersState as object)
    .filter(broker => !isNil(broker))
    .map(record);
  let settled = 0;
  for (const broker of brokers) {
    if (broker.configurationState !== 'ConfigInSync') continue;
    const graceful = broker.gracefulActionState;
    // Argo CD's script reads the graceful state of an in-sync broker unguarded.
    if (isNil(graceful)) {
      return scriptFailure('an in-sync broker has no gracefulActionState');
    }
    const cruiseControl = at(graceful, 'cruiseControlState');
    if (SETTLED_CRUISE_CONTROL_STATES.includes(cruiseControl)) settled++;
  }
  if (settled !== brokers.length) {
    return {
      status: 'Degraded',
      message:
        'Broker Config is out of Sync or CruiseControlState is not Ready',
    };
  }
  const topic = at(status, 'cruiseControlTopicStatus');
  if (topic === 'CruiseControlTopicReady' && state === 'ClusterRunning') {
    return {
      status: 'Healthy',
      message: 'Kafka Brokers, CruiseControl and cluster are in Healthy State.',
    };
  }
  if (
    (topic === 'CruiseControlTopicNotReady' || isNil(topic)) &&
    state === 'ClusterReconciling'
  ) {
    return { status: 'Progressing', message: 'Kafka Cluster is Reconciling.' };
  }
  return waiting;
}

/**
 * Kiali operator `Kiali` health. The conditions are read in order and the
 * first telling one decides, with its own message: a true `Successful` is
 * Healthy, a true `Failure` Degraded, and a `Running` condition whose reason
 * is Running (a reconciliation in flight) Progressing. The operator keeps an
 * idle Running condition with reason Successful, which tells nothing.
 * @public
 */
export function kialiHealth(obj: KubeObject): ResourceHealth {
  for (const c of sequence(at(obj, 'status', 'conditions'))) {
    if (c.type === 'Successful' && c.status === 'True') {
      return withMessage('Healthy', c.message);
    }
    if (c.type === 'Failure' && c.status === 'True') {
      return withMessage('Degraded', c.message);
    }
    if (c.type === 'Running' && c.reason === 'Running') {
      return withMessage('Progressing', c.message);
    }
  }
  return { status: 'Progressing', message: 'Waiting for Kiali' };
}

/** What each ECK health colour of a Logstash means. */
const LOGSTASH_COLOURS: ReadonlyMap<unknown, ResourceHealth> = new Map<
  unknown,
  ResourceHealth
>([
  ['green', { status: 'Healthy', message: 'Logstash status is Green' }],
  ['yellow', { status: 'Progressing', message: 'Logstash status is Yellow' }],
  ['red', { status: 'Degraded', message: 'Logstash status is Red' }],
]);

/**
 * ECK `Logstash` health from `status.health`: green is Healthy, yellow
 * Progressing and red Degraded. Without a colour it knows (before the
 * operator reports one), it waits as Progressing.
 * @public
 */
export function logstashHealth(obj: KubeObject): ResourceHealth {
  const known = LOGSTASH_COLOURS.get(at(obj, 'status', 'health'));
  return known
    ? { ...known }
    : { status: 'Progressing', message: 'Waiting for Logstash' };
}

/**
 * GKE `ManagedCertificate` health. A domain Google could not reach
 * (FailedNotVisible) makes the certificate Degraded, since provisioning will
 * not finish without a DNS or load-balancer fix; an Active certificate is
 * Healthy; anything else is still being provisioned.
 * @public
 */
export function managedCertificateHealth(obj: KubeObject): ResourceHealth {
  const domains = sequence(at(obj, 'status', 'domainStatus'));
  if (domains.some(domain => domain.status === 'FailedNotVisible')) {
    return {
      status: 'Degraded',
      message: 'At least one certificate has failed to be provisioned',
    };
  }
  if (at(obj, 'status', 'certificateStatus') === 'Active') {
    return { status: 'Healthy', message: 'All certificates are active' };
  }
  return {
    status: 'Progressing',
    message: 'At least one certificate is still being provisioned',
  };
}

/**
 * Slipway's checks for Keycloak, Koperator's KafkaCluster, Kiali, ECK's
 * Logstash and GKE's ManagedCertificate, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const platformServicesHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'k8s.keycloak.org/Keycloak': keycloakHealth,
  'kafka.banzaicloud.io/KafkaCluster': kafkaClusterHealth,
  'kiali.io/Kiali': kialiHealth,
  'logstash.k8s.elastic.co/Logstash': logstashHealth,
  'networking.gke.io/ManagedCertificate': managedCertificateHealth,
};
