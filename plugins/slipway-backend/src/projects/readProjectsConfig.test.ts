import { ConfigReader } from '@backstage/config';
import { readProjectsConfig } from './readProjectsConfig';

describe('readProjectsConfig', () => {
  it('has a default project that permits everything when nothing is configured', () => {
    const projects = readProjectsConfig(new ConfigReader({}));
    expect([...projects.keys()]).toEqual(['default']);
    expect(projects.get('default')).toMatchObject({ sourceRepos: ['*'], clusterResourceWhitelist: [{ group: '*', kind: '*' }] });
  });

  it('reads projects with their fences and windows; core group defaults to empty', () => {
    const projects = readProjectsConfig(
      new ConfigReader({
        slipway: {
          projects: [
            {
              name: 'payments',
              sourceRepos: ['https://git.example.com/payments/*'],
              destinations: [{ name: 'prod-*', namespace: 'payments-*' }],
              clusterResourceWhitelist: [{ kind: 'Namespace' }],
              syncWindows: [{ kind: 'deny', schedule: '0 22 * * *', duration: '1h', applications: ['*'], manualSync: true }],
            },
          ],
        },
      }),
    );
    expect(projects.get('payments')).toMatchObject({
      sourceRepos: ['https://git.example.com/payments/*'],
      destinations: [{ name: 'prod-*', namespace: 'payments-*' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      namespaceResourceWhitelist: undefined,
      syncWindows: [{ kind: 'deny', schedule: '0 22 * * *', duration: '1h', manualSync: true }],
    });
    expect(projects.has('default')).toBe(true);
  });

  it('refuses bad windows and duplicate names with the project and the fix', () => {
    const read = (projects: unknown[]) => () => readProjectsConfig(new ConfigReader({ slipway: { projects } } as any));
    expect(read([{ name: 'a' }, { name: 'a' }])).toThrow("project 'a' is configured twice");
    expect(read([{ name: 'a', syncWindows: [{ kind: 'maybe', schedule: '* * * * *', duration: '1h' }] }])).toThrow(
      "slipway.projects 'a' syncWindows[0]: kind 'maybe'",
    );
    expect(read([{ name: 'a', syncWindows: [{ kind: 'deny', schedule: 'often', duration: '1h' }] }])).toThrow(
      /schedule 'often' is not a valid cron expression/,
    );
    expect(read([{ name: 'a', syncWindows: [{ kind: 'deny', schedule: '0 1 * * *', duration: 'long' }] }])).toThrow(
      /duration 'long' is not a duration/,
    );
  });

  it("reads orphaned-resource monitoring: on when present, even empty, warning unless warn is false; ignore patterns default to ''", () => {
    const projects = readProjectsConfig(
      new ConfigReader({
        slipway: {
          projects: [
            { name: 'off' },
            { name: 'on', orphanedResources: {} },
            { name: 'quiet', orphanedResources: { warn: false, ignore: [{ kind: 'ConfigMap', name: 'istio-*' }, { group: 'apps' }] } },
          ],
        },
      }),
    );
    expect(projects.get('off')?.orphanedResources).toBeUndefined();
    expect(projects.get('default')?.orphanedResources).toBeUndefined();
    expect(projects.get('on')?.orphanedResources).toEqual({ warn: true, ignore: [] });
    expect(projects.get('quiet')?.orphanedResources).toEqual({
      warn: false,
      ignore: [
        { group: '', kind: 'ConfigMap', name: 'istio-*' },
        { group: 'apps', kind: '', name: '' },
      ],
    });
  });
});
