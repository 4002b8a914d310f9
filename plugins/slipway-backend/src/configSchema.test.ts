/*
 * The configuration schema (the packages' config.d.ts) against the demo
 * configuration files and against every slipway.* key the code reads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Config, ConfigReader, JsonObject } from '@backstage/config';
import { ConfigSchema, loadConfigSchema } from '@backstage/config-loader';
import {
  readApplicationSetPlugins,
  readClusterDecisionResources,
  readClusterConfig,
  readRepositoryCredentials,
  readRepositoryLocalPaths,
  healthOptionsFromConfig,
  toolsOptionsFromConfig,
} from '@slipway/plugin-slipway-node';
import yaml from 'yaml';
import { createRendering } from './engine/render';
import { readDiffSettings } from './engine/app/DiffSettings';
import { readNotificationsConfig } from './notifications';
import { readProjectsConfig } from './projects';
import { readReconcileConfig } from './reconciler/readReconcileConfig';
import { readWebhookConfig } from './service/webhooks/readWebhookConfig';
import { createLuaActionSources } from './engine/createLuaActionSources';
import { mockServices } from '@backstage/backend-test-utils';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');

/** Every slipway.* key, with values of the documented types. */
const FULL_EXAMPLE: JsonObject = {
  slipway: {
    clusters: [
      {
        name: 'prod',
        url: 'https://kubernetes.example.com:6443',
        token: 'cluster-token',
        serviceAccountToken: 'service-account-token',
        authProvider: 'serviceAccount',
        caData: 'LS0tLS1CRUdJTg==',
        skipTLSVerify: false,
        inCluster: false,
        labels: { env: 'prod' },
      },
    ],
    repositories: [
      { url: 'https://git.example.com/', username: 'deploy', password: 'git-password', token: 'git-token' },
      { url: 'https://git.example.com/demo.git', localPath: 'examples/gitops' },
      { url: 'registry.example.com/charts', enableOCI: true, insecureOCIForceHttp: false, username: 'robot', password: 'registry-password' },
    ],
    diff: {
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', name: 'api', namespace: 'shop', jsonPointers: ['/spec/replicas'], jqPathExpressions: ['.spec.template.metadata.annotations'], managedFieldsManagers: ['kube-controller-manager'] }],
      ignoreResourceStatusField: 'crd',
      ignoreAggregatedRoles: true,
    },
    applicationSets: {
      plugins: [{ name: 'my-plugin', baseUrl: 'http://plugin.example.com', token: 'plugin-token', requestTimeout: 10 }],
      clusterDecisionResources: [
        {
          name: 'ocm-placement',
          apiVersion: 'cluster.open-cluster-management.io/v1beta1',
          kind: 'placementdecisions',
          statusListKey: 'decisions',
          matchKey: 'clusterName',
          cluster: 'prod',
          namespace: 'argocd',
        },
      ],
    },
    projects: [
      {
        name: 'payments',
        description: 'the payments team',
        sourceRepos: ['https://git.example.com/payments/*'],
        sourceNamespaces: ['payments'],
        catalogLocations: ['url:https://git.example.com/payments/*'],
        destinations: [{ name: 'prod', server: 'https://kubernetes.example.com:6443', namespace: 'payments-*' }],
        clusterResourceWhitelist: [{ kind: 'Namespace' }, { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }],
        clusterResourceBlacklist: [{ group: 'rbac.authorization.k8s.io', kind: '*' }],
        namespaceResourceWhitelist: [{ group: 'apps', kind: 'Deployment' }, { kind: 'ConfigMap' }],
        namespaceResourceBlacklist: [{ kind: 'ResourceQuota' }, { group: 'networking.k8s.io', kind: 'NetworkPolicy' }],
        syncWindows: [
          {
            kind: 'deny',
            schedule: '0 22 * * *',
            duration: '8h',
            applications: ['payments-*'],
            namespaces: ['payments-prod'],
            clusters: ['prod'],
            manualSync: true,
            timeZone: 'Europe/Berlin',
            andOperator: false,
            description: 'no deployments at night',
          },
        ],
        orphanedResources: { warn: true, ignore: [{ group: 'apps', kind: 'Deployment', name: 'legacy-*' }] },
      },
    ],
    reconcile: { concurrency: 8, refreshInterval: '3m', selfHealTimeout: 5, refListingMaxAge: '3s' },
    inventory: { refreshInterval: 'PT10S' },
    operations: {
      concurrency: 4,
      heartbeatInterval: '5s',
      staleAfter: '1m',
      pollInterval: '2s',
      recoverInterval: '30s',
      retention: '30d',
    },
    render: {
      allowRemoteBases: false,
      helmValueFileSchemes: ['https'],
      cacheMegabytes: 128,
      cacheEntries: 200,
      parallelism: 2,
    },
    tools: {
      helm: '/usr/local/bin/helm',
      kubectl: '/usr/local/bin/kubectl',
      jsonnet: '/usr/bin/jsonnet',
      cacheDir: '/var/cache/slipway-tools',
    },
    health: {
      luaScriptsDir: '/etc/slipway/resource_customizations',
      customizations: { 'cert-manager.io_Certificate': 'return {status = "Healthy"}', Pod: 'return {status = "Healthy"}' },
    },
    resourceActions: {
      customizations: {
        'argoproj.io_Rollout': {
          mergeBuiltinActions: true,
          'discovery.lua': 'return {["pause-now"] = {["disabled"] = false}}',
          definitions: [{ name: 'pause-now', 'action.lua': 'obj.spec.paused = true\nreturn obj' }],
        },
      },
    },
    notifications: { enabled: true, degradedAfter: '10m', outOfSyncAfter: '30m' },
    webhooks: {
      github: { secret: 'github-webhook-secret' },
      gitlab: { secret: 'gitlab-webhook-secret' },
      bitbucket: { secret: 'bitbucket-webhook-secret' },
      gitea: { secret: 'gitea-webhook-secret' },
      maxBodyBytes: 2097152,
    },
  },
};

/** A Config that records the key of every read, arrays as `key[]`. */
function recording(config: Config, prefix: string, keys: Set<string>): Config {
  const join = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const isConfig = (value: unknown): value is Config =>
    typeof value === 'object' && value !== null && typeof (value as Config).getOptionalString === 'function';
  return new Proxy(config, {
    get(target, property) {
      const member = Reflect.get(target, property, target);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        const result = member.apply(target, args);
        if (typeof args[0] !== 'string') return result;
        const key = join(args[0]);
        keys.add(key);
        if (isConfig(result)) return recording(result, key, keys);
        if (Array.isArray(result) && result.every(isConfig)) return result.map(c => recording(c, `${key}[]`, keys));
        return result;
      };
    },
  });
}

/** Every key path of a value, arrays as `key[]`. */
function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach(v => keyPaths(v, `${prefix}[]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = prefix ? `${prefix}.${k}` : k;
      out.add(key);
      keyPaths(v, key, out);
    }
  }
  return out;
}

function readYaml(file: string): JsonObject {
  return yaml.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
}

describe('the configuration schema', () => {
  let schema: ConfigSchema;
  // over the demo configuration, which has the keys other plugins require
  const process = (data: JsonObject, options?: Parameters<ConfigSchema['process']>[1]) =>
    schema.process([{ data: readYaml('app-config.yaml'), context: 'app-config.yaml' }, { data, context: 'test' }], options);
  const validate = (data: JsonObject) => process(data);

  beforeAll(async () => {
    // the demo backend's and app's dependency trees hold every package's config.d.ts
    schema = await loadConfigSchema({
      dependencies: ['backend', 'app'],
      packagePaths: [path.join(ROOT, 'package.json')],
      noUndeclaredProperties: true,
    });
  });

  it.each(['app-config.yaml', 'app-config.production.yaml'])('accepts the demo %s', file => {
    expect(() => schema.process([{ data: readYaml(file), context: file }])).not.toThrow();
  });

  it('accepts the full example, durations also as HumanDuration objects', () => {
    expect(() => validate(FULL_EXAMPLE)).not.toThrow();
    expect(() => validate({ slipway: { notifications: { degradedAfter: { minutes: 5, seconds: 30 } } } })).not.toThrow();
  });

  it('refuses undeclared and mistyped slipway keys, naming them', () => {
    expect(() => validate({ slipway: { notification: { enabled: false } } })).toThrow(/additionalProperty=notification.*at \/slipway/);
    expect(() => validate({ slipway: { clusters: [{ name: 'a', url: 'embedded', skipTlsVerify: true }] } })).toThrow(
      /additionalProperty=skipTlsVerify/,
    );
    expect(() => validate({ slipway: { reconcile: { concurrency: 'eight' } } })).toThrow(/must be number.*\/slipway\/reconcile\/concurrency/);
    expect(() => validate({ slipway: { projects: [{ name: 'p', syncWindows: [{ kind: 'maybe', schedule: '* * * * *', duration: '1h' }] }] } })).toThrow(
      /\/slipway\/projects\/0\/syncWindows\/0\/kind/,
    );
    expect(() => validate({ slipway: { notifications: { outOfSyncAfter: { fortnights: 1 } } } })).toThrow(/outOfSyncAfter/);
    expect(() => validate({ slipway: { tools: { jsonnet: { path: '/usr/bin/jsonnet' } } } })).toThrow(/must be string.*\/slipway\/tools\/jsonnet/);
  });

  it('declares every slipway key the code reads (the full example covers them all)', async () => {
    const keys = new Set<string>();
    const config = recording(new ConfigReader(FULL_EXAMPLE), '', keys);
    readReconcileConfig(config);
    readProjectsConfig(config);
    readNotificationsConfig(config);
    readDiffSettings(config);
    readWebhookConfig(config);
    readClusterConfig(config);
    readRepositoryCredentials(config);
    readRepositoryLocalPaths(config);
    readApplicationSetPlugins(config);
    readClusterDecisionResources(config);
    toolsOptionsFromConfig(config);
    healthOptionsFromConfig(config);
    const actions = await createLuaActionSources(config, mockServices.logger.mock());
    await actions.configured?.close();
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-config-'));
    try {
      createRendering({ config, cacheDir });
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
    const read = [...keys].filter(k => k.startsWith('slipway.'));
    const documented = keyPaths(FULL_EXAMPLE);
    expect(read.filter(k => !documented.has(k))).toEqual([]);
    // and the example leaves out nothing the code reads at the top level
    expect(new Set(read.map(k => k.split(/[.[]/)[1]))).toEqual(new Set(Object.keys(FULL_EXAMPLE.slipway as JsonObject)));
  });

  it('keeps secrets and Slipway settings out of the frontend', () => {
    const slipwayOf = (configs: Array<{ data: JsonObject }>) => configs.map(c => c.data.slipway).filter(Boolean);
    const withoutSecrets = JSON.stringify(slipwayOf(process(FULL_EXAMPLE, { visibility: ['frontend', 'backend'] })));
    for (const secret of ['cluster-token', 'service-account-token', 'git-password', 'git-token', 'plugin-token', 'github-webhook-secret', 'gitea-webhook-secret']) {
      expect(withoutSecrets).not.toContain(secret);
    }
    expect(withoutSecrets).toContain('kubernetes.example.com');
    expect(slipwayOf(process(FULL_EXAMPLE, { visibility: ['frontend'] }))).toEqual([]);
  });
});
