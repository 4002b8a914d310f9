import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import YAML from 'yaml';
import { fakeEngine, policy, recordingAuditor } from '../service/__testUtils__/routerFixture';
import { createRouter } from '../service/router';
import type { RouteStore } from '../service/routes/RouteContext';

type Document = { openapi: string; paths: Record<string, Record<string, unknown>> };

const document = YAML.parse(fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8')) as Document;

/** `METHOD /path/{param}` of every route the router serves. */
async function servedRoutes(): Promise<string[]> {
  const router = await createRouter({
    logger: mockServices.logger.mock(),
    config: new ConfigReader({}),
    engine: fakeEngine(),
    store: {} as RouteStore,
    httpAuth: mockServices.httpAuth(),
    permissions: policy(),
    auditor: recordingAuditor(),
    catalog: catalogServiceMock(),
  });
  const stack = (router as unknown as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> }).stack;
  return stack.flatMap(layer =>
    layer.route
      ? Object.keys(layer.route.methods).map(m => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`)
      : [],
  );
}

function documentedRoutes(): string[] {
  return Object.entries(document.paths).flatMap(([p, item]) =>
    Object.keys(item)
      .filter(k => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
      .map(m => `${m.toUpperCase()} ${p}`),
  );
}

/** Every `$ref` in the document, with whether it points at something. */
function references(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach(n => references(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else references(value, found);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('describes every route the router serves, and no route it does not serve', async () => {
    const served = await servedRoutes();
    expect(served.length).toBeGreaterThan(10);
    expect(documentedRoutes().sort()).toEqual([...new Set(served)].sort());
  });

  it('is OpenAPI 3 and every reference resolves', () => {
    expect(document.openapi).toMatch(/^3\./);
    const unresolved = references(document).filter(ref => {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], document);
      return target === undefined;
    });
    expect(unresolved).toEqual([]);
  });
});
