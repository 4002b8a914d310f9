import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { disposableDatabaseServiceFactory, GitTestServer } from '@slipway/test-utils';
import { stringify } from 'yaml';
import { catalogModuleSlipway } from './module';

jest.setTimeout(120_000);

const REPO = 'https://git.example.com/slipway/demo-gitops.git';

function listSet(name: string, envs: string[], nameTemplate = `${name}-{{.env}}`) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements: envs.map(env => ({ env })) } }],
      template: {
        metadata: { name: nameTemplate, labels: { 'slipway.io/environment': '{{.env}}' } },
        spec: {
          project: 'default',
          source: { repoURL: REPO, targetRevision: 'HEAD', path: `apps/${name}/overlays/{{.env}}` },
          destination: { name: 'embedded', namespace: `${name}-{{.env}}` },
        },
      },
    },
  };
}

function directorySet(name: string, repoURL: string) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name },
    spec: {
      generators: [{ git: { repoURL, revision: 'HEAD', directories: [{ path: 'infrastructure/*' }] } }],
      template: {
        metadata: { name: 'infra-{{path.basename}}' },
        spec: {
          project: 'default',
          source: { repoURL, targetRevision: 'HEAD', path: '{{path}}' },
          destination: { name: 'embedded', namespace: '{{path.basename}}' },
        },
      },
    },
  };
}

/** Generators-Plugin.md: a set whose Applications come from a plugin service. */
function pluginSet(name: string) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name },
    spec: {
      goTemplate: true,
      generators: [{ plugin: { configMapRef: { name: 'teams' }, input: { parameters: { tier: 'backend' } } } }],
      template: {
        metadata: { name: 'team-{{.team}}' },
        spec: {
          project: 'default',
          source: { repoURL: REPO, targetRevision: 'HEAD', path: 'teams/{{.team}}/{{.generator.input.parameters.tier}}' },
          destination: { name: 'embedded', namespace: 'team-{{.team}}' },
        },
      },
    },
  };
}

/** A plugin service over real HTTP answering the teams it is told, for the bearer token it expects. */
async function startTeamsPlugin(token: string) {
  const state = { teams: ['a', 'b'] };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const authorized = req.headers.authorization === `Bearer ${token}` && req.url === '/api/v1/getparams.execute';
      res.writeHead(authorized ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(authorized ? { output: { parameters: state.teams.map(team => ({ team })) } } : { message: 'who are you?' }));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => {
      server.closeAllConnections();
      return new Promise(resolve => server.close(resolve));
    },
  };
}

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/payments-team', system: 'shop' },
};

function writeYaml(file: string, docs: object[]) {
  fs.writeFileSync(file, docs.map(d => stringify(d)).join('---\n'));
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

describe('catalog module with the catalog backend', () => {
  let dir: string;
  let git: GitTestServer;
  let gitUrl: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;
  let plugin: Awaited<ReturnType<typeof startTeamsPlugin>>;

  async function get(pathname: string): Promise<any> {
    const response = await fetch(`${baseUrl}/api/catalog${pathname}`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
    return response.json();
  }
  const entity = (kind: string, name: string): Promise<Entity | undefined> =>
    get(`/entities/by-name/${kind}/default/${name}`);
  const applicationNames = async (set: string): Promise<string[]> => {
    const items: Entity[] = await get('/entities?filter=kind=application');
    return items
      .filter(e => e.metadata.annotations?.['slipway.io/application-set'] === `applicationset:default/${set}`)
      .filter(e => e.metadata.annotations?.['backstage.io/orphan'] !== 'true')
      .map(e => e.metadata.name)
      .sort();
  };
  const untilApplications = (set: string, names: string[]) =>
    eventually(`${set} to have ${names.join(', ')}`, async () => {
      const current = await applicationNames(set);
      return JSON.stringify(current) === JSON.stringify(names) ? current : undefined;
    });
  const errorsOf = async (kind: string, name: string): Promise<string[]> => {
    const e: any = await entity(kind, name);
    return (e?.status?.items ?? []).map((i: any) => i.error?.message as string);
  };

  beforeAll(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-catalog-'));
    git = await GitTestServer.start();
    ({ url: gitUrl } = await git.createRepo('infra', {
      'infrastructure/network-policies/default-deny.yaml': 'kind: NetworkPolicy\n',
    }));
    writeYaml(path.join(dir, 'components.yaml'), [component]);
    writeYaml(path.join(dir, 'payments.yaml'), [listSet('payments', ['dev', 'staging'])]);
    writeYaml(path.join(dir, 'infrastructure.yaml'), [directorySet('infrastructure', gitUrl)]);
    writeYaml(path.join(dir, 'intruder.yaml'), []);
    writeYaml(path.join(dir, 'teams.yaml'), [pluginSet('teams')]);
    plugin = await startTeamsPlugin('plugin-token');
    const location = (file: string) => ({ type: 'file', target: path.join(dir, file) });
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleSlipway,
        disposableDatabaseServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: dir },
            catalog: {
              processingInterval: { seconds: 1 },
              locations: ['components.yaml', 'payments.yaml', 'infrastructure.yaml', 'intruder.yaml', 'teams.yaml'].map(location),
              rules: [{ allow: ['Component', 'Location', 'ApplicationSet', 'Application', 'Group'] }],
            },
            slipway: {
              clusters: [{ name: 'embedded', url: 'embedded' }],
              applicationSets: { plugins: [{ name: 'teams', baseUrl: plugin.baseUrl, token: 'plugin-token' }] },
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://localhost:${port}`;
  });

  afterAll(async () => {
    await backend?.stop();
    await git?.stop();
    await plugin?.stop();
  });

  it('turns a registered ApplicationSet into Application entities related to its Component, owner and set', async () => {
    await untilApplications('payments', ['payments-dev', 'payments-staging']);
    const dev = await eventually('payments-dev relations', async () => {
      const e = await entity('application', 'payments-dev');
      return e?.relations?.some(r => r.type === 'ownedBy') ? e : undefined;
    });
    expect(dev.metadata.labels).toMatchObject({ 'slipway.io/environment': 'dev', 'slipway.io/cluster': 'embedded' });
    expect(dev.relations?.map(r => `${r.type} ${r.targetRef}`).sort()).toEqual([
      'dependencyOf component:default/payments',
      'ownedBy group:default/payments-team',
      'partOf applicationset:default/payments',
      'partOf system:default/shop',
    ]);
    const set = await eventually('the set to list its parts', async () => {
      const e = await entity('applicationset', 'payments');
      return (e?.relations?.filter(r => r.type === 'hasPart').length ?? 0) >= 2 ? e : undefined;
    });
    expect(set.relations?.filter(r => r.type === 'hasPart').map(r => r.targetRef).sort()).toEqual([
      'application:default/payments-dev',
      'application:default/payments-staging',
    ]);
  });

  it('follows changes of the file: new Applications appear, removed ones are orphaned', async () => {
    await untilApplications('payments', ['payments-dev', 'payments-staging']);
    writeYaml(path.join(dir, 'payments.yaml'), [listSet('payments', ['dev', 'prod'])]);
    await untilApplications('payments', ['payments-dev', 'payments-prod']);
    const staging = await entity('application', 'payments-staging');
    // Backstage marks an entity no parent emits any more as an orphan and deletes it later
    expect(staging === undefined || staging.metadata.annotations?.['backstage.io/orphan'] === 'true').toBe(true);
  });

  it('shows a broken template as an error on the ApplicationSet and keeps the previous Applications', async () => {
    await untilApplications('payments', ['payments-dev', 'payments-prod']);
    writeYaml(path.join(dir, 'payments.yaml'), [listSet('payments', ['dev', 'prod', 'qa'], 'payments-{{.environment}}')]);
    const errors = await eventually('an error on the ApplicationSet', async () => {
      const found = await errorsOf('applicationset', 'payments');
      return found.length ? found : undefined;
    });
    expect(errors.join('\n')).toMatch(/ApplicationSet "payments": .*environment/);
    // several processing rounds later, the last good expansion is still there
    await new Promise(resolve => setTimeout(resolve, 4000));
    expect(await applicationNames('payments')).toEqual(['payments-dev', 'payments-prod']);
    expect(await entity('application', 'payments-qa')).toBeUndefined();

    writeYaml(path.join(dir, 'payments.yaml'), [listSet('payments', ['dev', 'prod'])]);
    await eventually('the error to clear', async () =>
      (await errorsOf('applicationset', 'payments')).length === 0 ? true : undefined,
    );
  });

  it('reports a second ApplicationSet generating a taken name as an error instead of overwriting', async () => {
    await eventually('payments-dev', async () => ((await applicationNames('payments')).includes('payments-dev') ? true : undefined));
    writeYaml(path.join(dir, 'intruder.yaml'), [listSet('intruder', ['dev'], 'payments-{{.env}}')]);
    const errors = await eventually('a collision error on the second set', async () => {
      const found = await errorsOf('applicationset', 'intruder');
      return found.length ? found : undefined;
    });
    expect(errors.join('\n')).toMatch(
      /ApplicationSet "intruder".*application:default\/payments-dev.*ApplicationSet applicationset:default\/payments already defines/,
    );
    await new Promise(resolve => setTimeout(resolve, 3000));
    const dev = await entity('application', 'payments-dev');
    expect(dev?.metadata.annotations?.['slipway.io/application-set']).toBe('applicationset:default/payments');
    expect(dev?.spec).toMatchObject({ destination: { namespace: 'payments-dev' } });
  });

  it('expands a git directories generator against a Git server, and follows new commits', async () => {
    await untilApplications('infrastructure', ['infra-network-policies']);
    await git.commit('infra', { 'infrastructure/observability/configmap.yaml': 'kind: ConfigMap\n' }, { message: 'observability' });
    await untilApplications('infrastructure', ['infra-network-policies', 'infra-observability']);
    const app = await entity('application', 'infra-observability');
    expect(app?.spec).toMatchObject({ source: { repoURL: gitUrl, path: 'infrastructure/observability' } });
  });

  it('expands a plugin generator through the configured plugin service, and follows its answers', async () => {
    await untilApplications('teams', ['team-a', 'team-b']);
    const a = await entity('application', 'team-a');
    expect(a?.spec).toMatchObject({ source: { path: 'teams/a/backend' }, destination: { namespace: 'team-a' } });

    plugin.state.teams = ['a', 'c'];
    await untilApplications('teams', ['team-a', 'team-c']);
  });
});
