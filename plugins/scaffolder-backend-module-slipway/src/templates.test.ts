import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { findRepoRoot } from '@slipway/test-utils';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createEnvironmentAction } from './actions/createEnvironmentAction';
import { createOnboardApplicationAction } from './actions/onboardApplicationAction';
import { createSyncApplicationAction } from './actions/syncApplicationAction';

const config = new ConfigReader({ slipway: { clusters: [{ name: 'embedded', url: 'embedded' }] } });
const actions = [
  createEnvironmentAction({ config, catalog: catalogServiceMock() }),
  createOnboardApplicationAction({ config, catalog: catalogServiceMock() }),
  createSyncApplicationAction({ discovery: mockServices.discovery(), auth: mockServices.auth() }),
];
const templatesDir = path.join(findRepoRoot(), 'examples/templates');

describe('example templates', () => {
  it.each(['new-environment', 'onboard-service'])('%s uses the Slipway actions with inputs they accept', async name => {
    const template = parse(await fs.readFile(path.join(templatesDir, name, 'template.yaml'), 'utf8'));
    expect(template.kind).toBe('Template');
    for (const step of template.spec.steps) {
      const action = actions.find(a => a.id === step.action);
      expect(action).toBeDefined();
      const schema = action!.schema!.input as { properties: Record<string, unknown>; required?: string[] };
      expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(step.input)));
      expect(Object.keys(step.input)).toEqual(expect.arrayContaining(schema.required ?? []));
    }
    // the last words of the template: a link to the new Application's page
    expect(template.spec.output.links[0]).toMatchObject({ entityRef: expect.stringMatching(/application/i) });
  });

  it('offers exactly the clusters the demo configures', async () => {
    const appConfig = parse(await fs.readFile(path.join(findRepoRoot(), 'app-config.yaml'), 'utf8'));
    const clusters = appConfig.slipway.clusters.map((c: { name: string }) => c.name);
    const env = parse(await fs.readFile(path.join(templatesDir, 'new-environment/template.yaml'), 'utf8'));
    expect(env.spec.parameters[0].properties.cluster.enum).toEqual(clusters);
    const onboard = parse(await fs.readFile(path.join(templatesDir, 'onboard-service/template.yaml'), 'utf8'));
    expect(onboard.spec.parameters[1].properties.environments.items.properties.cluster.enum).toEqual(clusters);
  });
});
