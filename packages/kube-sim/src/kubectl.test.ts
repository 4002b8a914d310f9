import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateTools } from '@slipway/test-utils';
import { startKubeSim, KubeSim } from './index';

jest.setTimeout(60_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const DEPLOYMENT = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports: [{containerPort: 80}]
`;

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

function exitCode(err: any): number {
  if (!err) return 0;
  return typeof err.code === 'number' ? err.code : 1;
}

describe('kube-sim with the real kubectl', () => {
  let sim: KubeSim;
  let kubectl: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const run = (...args: string[]) =>
    new Promise<Run>(resolve => {
      execFile(
        kubectl,
        args,
        { env, timeout: 30_000 },
        (err, stdout, stderr) => {
          resolve({
            code: exitCode(err),
            stdout,
            stderr,
          });
        },
      );
    });

  beforeAll(async () => {
    kubectl = (await locateTools()).kubectl;
    sim = await startKubeSim({ podReadyDelayMs: 0, tls: true, log: () => {} });
    dir = mkdtempSync(join(tmpdir(), 'kube-sim-kubectl-'));
    env = {
      ...process.env,
      KUBECONFIG: sim.kubeconfigPath,
      KUBECACHEDIR: join(dir, 'cache'),
      HOME: dir,
    };
  });
  afterAll(async () => {
    await sim?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('applies client-side, then reports unchanged, and the rollout completes', async () => {
    const f = file('web.yaml', DEPLOYMENT(2));
    expect(await run('apply', '-f', f)).toMatchObject({
      code: 0,
      stdout: 'deployment.apps/web created\n',
    });
    expect(await run('apply', '-f', f)).toMatchObject({
      code: 0,
      stdout: 'deployment.apps/web unchanged\n',
    });
    const status = await run(
      'rollout',
      'status',
      'deployment/web',
      '--timeout=20s',
    );
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('deployment "web" successfully rolled out');
    const ready = await run(
      'get',
      'deployment',
      'web',
      '-o',
      'jsonpath={.status.readyReplicas}',
    );
    expect(ready.stdout).toBe('2');
  });

  it('diff shows the change and exits 1; exits 0 when there is none', async () => {
    const changed = await run('diff', '-f', file('web3.yaml', DEPLOYMENT(3)));
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/^-\s+replicas: 2$/m);
    expect(changed.stdout).toMatch(/^\+\s+replicas: 3$/m);
    const same = await run('diff', '-f', file('web2.yaml', DEPLOYMENT(2)));
    expect(same).toMatchObject({ code: 0, stdout: '' });
  });

  it('applies server-side; another manager conflicts without --force-conflicts', async () => {
    const cm = (v: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: "${v}"}\n`;
    expect(
      await run('apply', '--server-side', '-f', file('cm1.yaml', cm('a'))),
    ).toMatchObject({
      code: 0,
      stdout: 'configmap/settings serverside-applied\n',
    });
    const conflict = await run(
      'apply',
      '--server-side',
      '--field-manager=intruder',
      '-f',
      file('cm2.yaml', cm('b')),
    );
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "kubectl" using v1: .data.mode',
    );
    const forced = await run(
      'apply',
      '--server-side',
      '--field-manager=intruder',
      '--force-conflicts',
      '-f',
      join(dir, 'cm2.yaml'),
    );
    expect(forced.code).toBe(0);
    const got = await run(
      'get',
      'configmap',
      'settings',
      '-o',
      'jsonpath={.data.mode}',
    );
    expect(got.stdout).toBe('b');
    const managers = await run(
      'get',
      'configmap',
      'settings',
      '--show-managed-fields',
      '-o',
      'jsonpath={.metadata.managedFields[*].manager}',
    );
    expect(managers.stdout.split(' ').sort()).toEqual(['intruder']);
  });

  it('get -w streams the creation and deletion of an object', async () => {
    const watcher = spawn(
      kubectl,
      ['get', 'configmaps', '-w', '--output-watch-events'],
      { env },
    );
    let out = '';
    watcher.stdout.on('data', d => (out += d));
    try {
      const waitFor = async (text: string) => {
        for (let i = 0; i < 300 && !out.includes(text); i++)
          await new Promise(r => setTimeout(r, 20));
        return out;
      };
      await waitFor('EVENT');
      expect(
        (
          await run(
            'apply',
            '-f',
            file(
              'watched.yaml',
              'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: watched}\ndata: {x: "1"}\n',
            ),
          )
        ).code,
      ).toBe(0);
      expect(await waitFor('watched')).toMatch(/^ADDED\s+watched\s/m);
      expect((await run('delete', 'configmap', 'watched')).stdout).toBe(
        'configmap "watched" deleted\n',
      );
      expect(await waitFor('DELETED')).toMatch(/^DELETED\s+watched\s/m);
    } finally {
      watcher.kill();
    }
  });

  it('installs a CRD, serves its custom objects, and deletes them', async () => {
    expect((await run('apply', '-f', file('crd.yaml', CRD))).code).toBe(0);
    const established = await run(
      'wait',
      '--for=condition=Established',
      'crd/widgets.example.com',
      '--timeout=10s',
    );
    expect(established.code).toBe(0);
    const w = file(
      'w.yaml',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 3}\n',
    );
    expect(await run('apply', '-f', w)).toMatchObject({
      code: 0,
      stdout: 'widget.example.com/w1 created\n',
    });
    expect(
      (await run('get', 'wg', 'w1', '-o', 'jsonpath={.spec.size}')).stdout,
    ).toBe('3');
    expect((await run('delete', '-f', w)).stdout).toBe(
      'widget.example.com "w1" deleted\n',
    );
    const gone = await run('get', 'widget', 'w1');
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('widgets.example.com "w1" not found');
  });

  it('deletes a Deployment and its ReplicaSets and Pods are garbage-collected', async () => {
    expect((await run('delete', 'deployment', 'web')).stdout).toBe(
      'deployment.apps "web" deleted\n',
    );
    let left = '';
    for (let i = 0; i < 100; i++) {
      left = (
        await run('get', 'replicasets,pods', '-l', 'app=web', '-o', 'name')
      ).stdout;
      if (left === '') break;
      await new Promise(r => setTimeout(r, 50));
    }
    expect(left).toBe('');
  });
});
