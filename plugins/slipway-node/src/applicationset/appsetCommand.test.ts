import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import { runAppsetCommand } from './appsetCommand';

const DEMO = path.resolve(__dirname, '../../../../examples/gitops');

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runAppsetCommand(args, {
    out: t => (out += t),
    err: t => (err += t),
  });
  return {
    code,
    out,
    err,
    docs: YAML.parseAllDocuments(out).map(d => d.toJS()),
  };
}

describe('appset expand', () => {
  it('prints the Applications of the demo infrastructure set: one per directory under infrastructure/', async () => {
    const dirs = (
      await fs.readdir(path.join(DEMO, 'infrastructure'), {
        withFileTypes: true,
      })
    )
      .filter(d => d.isDirectory() && !d.name.startsWith('.'))
      .map(d => d.name)
      .sort();
    const { code, docs, err } = await run([
      'expand',
      path.join(DEMO, 'applicationsets/infrastructure.yaml'),
      '--repo',
      DEMO,
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(dirs.length).toBeGreaterThan(0);
    expect(docs.map(d => d.kind)).toEqual(dirs.map(() => 'Application'));
    expect(docs.map(d => d.spec.source.path)).toEqual(
      dirs.map(d => `infrastructure/${d}`),
    );
    expect(docs.map(d => d.spec.destination.namespace)).toEqual(dirs);
  });

  it('prints one Application per environment of the demo payments set, sorted by name', async () => {
    const { code, docs } = await run([
      'expand',
      path.join(DEMO, 'applicationsets/payments.yaml'),
    ]);
    expect(code).toBe(0);
    expect(docs.map(d => d.metadata.name)).toEqual([
      'payments-dev',
      'payments-prod',
      'payments-staging',
    ]);
    expect(docs.map(d => d.metadata.labels['slipway.io/environment'])).toEqual([
      'dev',
      'prod',
      'staging',
    ]);
  });

  it('explains a git generator without --repo and exits 1', async () => {
    const { code, err } = await run([
      'expand',
      path.join(DEMO, 'applicationsets/infrastructure.yaml'),
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /ApplicationSet "infrastructure": spec\.generators\[0\]\.git: git generator needs Git access/,
    );
    expect(err).toMatch(/pass --repo DIR/);
  });

  it('reads clusters from --clusters and reports usage errors with exit code 2', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'appset-'));
    try {
      await fs.writeFile(
        path.join(dir, 'clusters.yaml'),
        '- name: east\n  server: https://east\n  labels: {tier: prod}\n- name: west\n  server: https://west\n',
      );
      await fs.writeFile(
        path.join(dir, 'set.yaml'),
        'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: s}\nspec:\n  generators: [{clusters: {selector: {matchLabels: {tier: prod}}}}]\n  template: {metadata: {name: "app-{{name}}"}, spec: {destination: {server: "{{server}}"}}}\n',
      );
      const ok = await run([
        'expand',
        path.join(dir, 'set.yaml'),
        '--clusters',
        path.join(dir, 'clusters.yaml'),
      ]);
      expect(
        ok.docs.map(d => [d.metadata.name, d.spec.destination.server]),
      ).toEqual([['app-east', 'https://east']]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    expect((await run(['expand'])).code).toBe(2);
    expect((await run(['explode', 'x'])).err).toMatch(
      /unknown command "explode"/,
    );
    expect((await run(['expand', 'does-not-exist.yaml'])).code).toBe(1);
  });
});
