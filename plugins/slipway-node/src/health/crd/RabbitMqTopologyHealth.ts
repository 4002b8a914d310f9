import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { rawConditionsOf } from '../fields';

/*
 * The RabbitMQ messaging topology operator (rabbitmq.com) reconciles each
 * topology object (queue, exchange, user, ...) against a running cluster
 * and reports the outcome in one Ready condition whose reason says whether
 * the last create-or-update call worked. Argo CD's scripts for every such
 * kind are the same apart from the noun in the message.
 */

/**
 * The first Ready condition that reports a finished call decides: True with
 * SuccessfulCreateOrUpdate is Healthy, False with FailedCreateOrUpdate is
 * Degraded. Anything else (no status yet, another reason) is Unknown, since
 * the operator has not said how the last call went.
 */
function topologyHealth(obj: KubeObject, noun: string): ResourceHealth {
  for (const c of rawConditionsOf(obj)) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'True' && c.reason === 'SuccessfulCreateOrUpdate') {
      return { status: 'Healthy', message: `RabbitMQ ${noun} ready` };
    }
    if (c.status === 'False' && c.reason === 'FailedCreateOrUpdate') {
      return {
        status: 'Degraded',
        message: `RabbitMQ ${noun} failed to be created or updated`,
      };
    }
  }
  return { status: 'Unknown', message: `RabbitMQ ${noun} status is unknown` };
}

/** A check for one topology kind, named in messages by `noun`. */
const topologyCheck =
  (noun: string): ((obj: KubeObject) => ResourceHealth) =>
  obj =>
    topologyHealth(obj, noun);

/** RabbitMQ topology `Binding` health. @public */
export const rabbitMqBindingHealth = topologyCheck('binding');
/** RabbitMQ topology `Exchange` health. @public */
export const rabbitMqExchangeHealth = topologyCheck('exchange');
/** RabbitMQ topology `Permission` health. @public */
export const rabbitMqPermissionHealth = topologyCheck('permission');
/** RabbitMQ topology `Policy` health. @public */
export const rabbitMqPolicyHealth = topologyCheck('policy');
/** RabbitMQ topology `Queue` health. @public */
export const rabbitMqQueueHealth = topologyCheck('queue');
/** RabbitMQ topology `Shovel` health. @public */
export const rabbitMqShovelHealth = topologyCheck('shovel');
/** RabbitMQ topology `User` health. @public */
export const rabbitMqUserHealth = topologyCheck('user');
/** RabbitMQ topology `Vhost` health. @public */
export const rabbitMqVhostHealth = topologyCheck('vhost');

/**
 * Argo CD's bundled checks for the RabbitMQ messaging topology kinds
 * (`rabbitmq.com`, all but RabbitmqCluster), keyed as its
 * resource_customizations folders are named.
 * @public
 */
export const rabbitMqTopologyHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'rabbitmq.com/Binding': rabbitMqBindingHealth,
  'rabbitmq.com/Exchange': rabbitMqExchangeHealth,
  'rabbitmq.com/Permission': rabbitMqPermissionHealth,
  'rabbitmq.com/Policy': rabbitMqPolicyHealth,
  'rabbitmq.com/Queue': rabbitMqQueueHealth,
  'rabbitmq.com/Shovel': rabbitMqShovelHealth,
  'rabbitmq.com/User': rabbitMqUserHealth,
  'rabbitmq.com/Vhost': rabbitMqVhostHealth,
};
