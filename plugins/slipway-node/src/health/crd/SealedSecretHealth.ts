import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { conditionHealth } from './conditionHealth';

/**
 * Bitnami `SealedSecret` health from its `Synced` condition: the controller
 * sets it once it has (or has failed to) decrypt the secret.
 * @public
 */
export function sealedSecretHealth(obj: KubeObject): ResourceHealth {
  return conditionHealth(
    obj,
    'Synced',
    'Waiting for Sealed Secret to be decrypted',
  );
}
