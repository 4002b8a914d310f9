import {
  onePasswordItemHealth,
  secretProvidersHealthChecks,
  vaultStaticSecretHealth,
} from './SecretProvidersHealth';
import { kube } from '../testObjects';

describe('1Password OnePasswordItem', () => {
  const item = (conditions?: object[]) =>
    onePasswordItemHealth(
      kube('onepassword.com/v1', 'OnePasswordItem', {
        status: conditions ? { conditions } : undefined,
      }),
    );

  it('is registered under its Argo CD folder name', () => {
    expect(secretProvidersHealthChecks['onepassword.com/OnePasswordItem']).toBe(
      onePasswordItemHealth,
    );
  });

  it('follows the first decided Ready condition', () => {
    expect(item([{ type: 'Ready', status: 'True' }])).toEqual({
      status: 'Healthy',
    });
    expect(
      item([
        { type: 'Ready', status: 'Unknown' },
        { type: 'Ready', status: 'False', message: 'Error' },
        { type: 'Ready', status: 'True' },
      ]),
    ).toEqual({ status: 'Degraded', message: 'Error' });
  });

  it('waits for the controller otherwise', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for controller to report status',
    };
    expect(item()).toEqual(waiting);
    expect(item([{ type: 'Ready', status: 'Unknown' }])).toEqual(waiting);
  });
});

describe('Vault VaultStaticSecret', () => {
  const secret = (status?: object) =>
    vaultStaticSecretHealth(
      kube('secrets.hashicorp.com/v1beta1', 'VaultStaticSecret', { status }),
    );

  it('is registered under its Argo CD folder name', () => {
    expect(
      secretProvidersHealthChecks['secrets.hashicorp.com/VaultStaticSecret'],
    ).toBe(vaultStaticSecretHealth);
  });

  it('is healthy once the secret data was synced (its MAC recorded)', () => {
    expect(secret({ lastGeneration: 1, secretMAC: 'abc' })).toEqual({
      status: 'Healthy',
      message: 'Secret was found',
    });
  });

  it('is degraded until then', () => {
    const degraded = {
      status: 'Degraded',
      message:
        'Either the service account cannot authenticate with Vault or requested secret not found - view events for more information',
    };
    expect(secret()).toEqual(degraded);
    expect(secret({ lastGeneration: 1 })).toEqual(degraded);
  });
});
