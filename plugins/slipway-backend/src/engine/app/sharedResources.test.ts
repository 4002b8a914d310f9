import {
  formatResourceKey,
  KubeObject,
  resourceKeyOf,
} from '@slipway/plugin-slipway-common';
import { stampManaged } from '@slipway/plugin-slipway-node';
import { sharedResourceWarnings } from './sharedResources';

const configMap = (
  name: string,
  annotations: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop', annotations },
  data: { x: '1' },
});

function cluster(objects: KubeObject[]) {
  const byKey = new Map(
    objects.map(o => [formatResourceKey(resourceKeyOf(o)), o]),
  );
  return (obj: KubeObject) => byKey.get(formatResourceKey(resourceKeyOf(obj)));
}

describe('sharedResourceWarnings', () => {
  it('warns about a desired object another application marks as its own, once', () => {
    const lookup = cluster([
      stampManaged(configMap('settings'), 'search_web'),
      stampManaged(configMap('mine'), 'web'),
    ]);
    expect(
      sharedResourceWarnings(
        [configMap('settings'), configMap('settings'), configMap('mine')],
        'web',
        lookup,
      ),
    ).toEqual([
      {
        type: 'SharedResourceWarning',
        message:
          'ConfigMap/settings is part of applications search_web and web; keep it in one of them (a sync would take it over)',
      },
    ]);
  });

  it('says nothing about objects that are missing, unmarked or hooks', () => {
    const hook = configMap('migrate', { 'argocd.argoproj.io/hook': 'PreSync' });
    const lookup = cluster([
      configMap('unmarked'),
      stampManaged(hook, 'search_web'),
    ]);
    expect(
      sharedResourceWarnings(
        [configMap('absent'), configMap('unmarked'), hook],
        'web',
        lookup,
      ),
    ).toEqual([]);
  });
});
