import type {
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, record } from '../fields';
import { luaText, scriptFailure } from './luaValues';

/*
 * Rook (ceph.rook.io) reports Ceph's own health word (HEALTH_OK, _WARN,
 * _ERR) beside the operator's view of the object. Argo CD's scripts build
 * one message out of both, joined with " - ", so a user sees why Ceph is
 * unhappy without opening the object.
 */

const WAITING = 'Waiting for status to be reported';

/** Ceph health words that count as Degraded; anything but OK stays as is. */
const DEGRADED_CEPH = new Set(['HEALTH_ERR', 'HEALTH_WARN']);

/** The cluster states Rook reaches once the cluster is up. */
const UP_STATES = new Set(['Created', 'Connected']);

/**
 * The ` (a; b)` suffix listing Ceph's health details, ordered by check name
 * (OSD_DOWN before POOL_DEGRADED) as Argo CD sorts them, so the message
 * does not change with map order. Checks without a message are left out;
 * a detail Lua cannot read makes the whole script fail.
 */
function detailsSuffix(details: unknown): string | ResourceHealth {
  // A list is walked in order, as Lua's sort leaves numeric keys.
  const infos = Array.isArray(details)
    ? details
    : Object.keys(record(details))
        .sort()
        .map(key => (details as Record<string, unknown>)[key]);
  const messages: string[] = [];
  for (const info of infos) {
    if (isNil(info)) continue;
    if (typeof info === 'number' || typeof info === 'boolean') {
      return scriptFailure('a status.ceph.details entry is not an object');
    }
    const message = at(info, 'message');
    if (isNil(message)) continue;
    const text = luaText(message);
    if (text === undefined) {
      return scriptFailure('a status.ceph.details message is not text');
    }
    messages.push(text);
  }
  return messages.length > 0 ? ` (${messages.join('; ')})` : '';
}

/**
 * Rook `CephCluster` health. Ceph's health word decides first (WARN and ERR
 * are Degraded, OK is Healthy); only a cluster Ceph calls healthy is then
 * judged by Rook's state (Created or Connected stay Healthy, Error is
 * Degraded, anything else Progressing). Without Ceph's word the cluster
 * stays Progressing. The message joins Ceph's word with its details, the
 * state (when it was consulted) and Rook's own message.
 * @public
 */
export function cephClusterHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) return { status: 'Progressing', message: WAITING };
  let verdict: HealthStatusCode = 'Progressing';
  const parts: string[] = [];

  const cephHealth = at(status, 'ceph', 'health');
  if (!isNil(cephHealth)) {
    const word = luaText(cephHealth);
    if (word === undefined) {
      return scriptFailure('status.ceph.health is not text');
    }
    const suffix = detailsSuffix(at(status, 'ceph', 'details'));
    if (typeof suffix !== 'string') return suffix;
    if (DEGRADED_CEPH.has(word)) verdict = 'Degraded';
    else if (word === 'HEALTH_OK') verdict = 'Healthy';
    parts.push(`Ceph health is ${word}${suffix}`);
  }

  // Rook's state can only hold back a cluster that Ceph itself calls
  // healthy; a degraded Ceph is not made worse or better by it.
  const state = at(status, 'state');
  if (!isNil(state) && verdict === 'Healthy') {
    const stateText = luaText(state);
    if (stateText === undefined) {
      return scriptFailure('status.state is not text');
    }
    parts.push(`Ceph cluster state is ${stateText}`);
    if (UP_STATES.has(stateText)) verdict = 'Healthy';
    else if (stateText === 'Error') verdict = 'Degraded';
    else verdict = 'Progressing';
  }

  const message = at(status, 'message');
  if (!isNil(message)) {
    const text = luaText(message);
    if (text === undefined) return scriptFailure('status.message is not text');
    parts.push(text);
  }

  // Argo CD skips empty pieces; with none left there is no message at all.
  const joined = parts.filter(part => part !== '').join(' - ');
  return joined === ''
    ? { status: verdict }
    : { status: verdict, message: joined };
}

/**
 * Rook `CephObjectStore` health: phase Ready is Healthy, Failure is
 * Degraded, any other phase (or none) Progressing. The message names the
 * phase and, once the gateway is reachable, its endpoint.
 * @public
 */
export function cephObjectStoreHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) return { status: 'Progressing', message: WAITING };
  let verdict: HealthStatusCode = 'Progressing';
  let message = WAITING;

  const phase = at(status, 'phase');
  if (!isNil(phase)) {
    const phaseText = luaText(phase);
    if (phaseText === undefined) {
      return scriptFailure('status.phase is not text');
    }
    message = `Ceph object store phase is ${phaseText}`;
    if (phaseText === 'Ready') verdict = 'Healthy';
    else if (phaseText === 'Failure') verdict = 'Degraded';
  }

  // The endpoint is added even before a phase is reported, as in Argo CD.
  const endpoint = at(status, 'info', 'endpoint');
  if (!isNil(endpoint) && endpoint !== '') {
    const endpointText = luaText(endpoint);
    if (endpointText === undefined) {
      return scriptFailure('status.info.endpoint is not text');
    }
    message = `${message} - endpoint: ${endpointText}`;
  }
  return { status: verdict, message };
}

/**
 * Argo CD's bundled checks for Rook Ceph (`ceph.rook.io`), keyed as its
 * resource_customizations folders are named.
 * @public
 */
export const rookCephHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'ceph.rook.io/CephCluster': cephClusterHealth,
  'ceph.rook.io/CephObjectStore': cephObjectStoreHealth,
};
