import type { KubeObject } from '@slipway/plugin-slipway-common';
import { externalSecretsActions } from './externalSecretsActions';

const NOW = new Date('2026-12-07T16:05:09.123Z');

const externalSecret = (
  spec: Record<string, unknown>,
  annotations?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'external-secrets.io/v1beta1',
  kind: 'ExternalSecret',
  metadata: {
    name: 'db',
    namespace: 'shop',
    ...(annotations ? { annotations } : {}),
  },
  spec: { secretStoreRef: { name: 'vault' }, ...spec },
});

const [refresh] = externalSecretsActions['external-secrets.io/ExternalSecret'];
const [push] = externalSecretsActions['external-secrets.io/PushSecret'];

describe("Argo CD's External Secrets actions", () => {
  it('refreshes an ExternalSecret by its force-sync annotation', () => {
    const obj = externalSecret({ refreshInterval: '1h' }, { keep: 'me' });
    expect(refresh.disabled?.(obj)).toBeUndefined();
    expect(refresh.run(obj, NOW, {})).toEqual([
      {
        operation: 'mergePatch',
        object: {
          apiVersion: 'external-secrets.io/v1beta1',
          kind: 'ExternalSecret',
          metadata: { name: 'db', namespace: 'shop' },
        },
        patch: {
          metadata: { annotations: { 'force-sync': '2026-12-07T16:05:09Z' } },
        },
      },
    ]);
  });

  it('does not offer refresh when a zero interval syncs the secret only once', () => {
    for (const refreshInterval of [
      '0',
      0,
      '0s',
      '0m',
      '0h',
      '0ms',
      '0\u00b5s',
    ]) {
      expect(refresh.disabled?.(externalSecret({ refreshInterval }))).toMatch(
        /syncs only once/,
      );
    }
    // other spellings of zero are not recognised, as in Argo CD's script
    for (const refreshInterval of ['00s', '0.0s', '0\u03bcs', undefined]) {
      expect(
        refresh.disabled?.(externalSecret({ refreshInterval })),
      ).toBeUndefined();
    }
  });

  it('offers refresh with a zero interval when the secret syncs on every change', () => {
    expect(
      refresh.disabled?.(
        externalSecret({ refreshInterval: 0, refreshPolicy: 'OnChange' }),
      ),
    ).toBeUndefined();
    expect(
      refresh.disabled?.(
        externalSecret({ refreshInterval: '0s', refreshPolicy: 'Periodic' }),
      ),
    ).toBeDefined();
  });

  it('pushes a PushSecret by the same annotation, always', () => {
    const obj: KubeObject = {
      apiVersion: 'external-secrets.io/v1alpha1',
      kind: 'PushSecret',
      metadata: { name: 'db', namespace: 'shop' },
      spec: { refreshInterval: '0s' },
    };
    expect(push.disabled).toBeUndefined();
    expect(push.run(obj, NOW, {})[0]).toMatchObject({
      operation: 'mergePatch',
      patch: {
        metadata: { annotations: { 'force-sync': '2026-12-07T16:05:09Z' } },
      },
    });
  });
});
