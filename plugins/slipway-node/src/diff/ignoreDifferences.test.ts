import { applyIgnoreDifferences, ignoreRulesFor, normalizeTrustedManagers, removeJsonPointer } from './ignoreDifferences';
import { JqExpressionError, loadJqEngine } from './jqPaths';
import { diffResource } from './diffResource';

const deployment = (replicas: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'guestbook', namespace: 'default' },
  spec: { replicas, template: { spec: { containers: [{ name: 'app', image: 'app:1' }], ...extra } } },
});

describe('ignoreDifferences (Argo CD diffing customization)', () => {
  it('jsonPointers: /spec/replicas on all Deployments is not a difference', () => {
    const rules = [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }];
    expect(diffResource(deployment(3), deployment(5), { ignoreDifferences: rules }).modified).toBe(false);
    expect(diffResource(deployment(3), deployment(5)).modified).toBe(true);
  });

  it('matches by group and kind globs, name and namespace', () => {
    const obj = deployment(1);
    expect(ignoreRulesFor(obj, [{ group: '*', kind: '*' }])).toHaveLength(1);
    expect(ignoreRulesFor(obj, [{ group: 'apps', kind: 'Deploy*' }])).toHaveLength(1);
    expect(ignoreRulesFor(obj, [{ group: '', kind: 'Deployment' }])).toHaveLength(0);
    expect(ignoreRulesFor(obj, [{ group: 'apps', kind: 'Deployment', name: 'other' }])).toHaveLength(0);
    expect(ignoreRulesFor(obj, [{ group: 'apps', kind: 'Deployment', namespace: 'default' }])).toHaveLength(1);
  });

  it("matches groups and kinds with Argo CD's glob syntax: classes and alternatives, * matching the core group", () => {
    const obj = deployment(1);
    expect(ignoreRulesFor(obj, [{ group: 'apps', kind: '{Deployment,StatefulSet}' }])).toHaveLength(1);
    expect(ignoreRulesFor(obj, [{ group: 'apps', kind: '[Dd]eployment' }])).toHaveLength(1);
    expect(ignoreRulesFor(obj, [{ group: 'apps', kind: '[!D]eployment' }])).toHaveLength(0);
    expect(ignoreRulesFor(obj, [{ group: '*.io', kind: '*' }])).toHaveLength(0);
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    expect(ignoreRulesFor(configMap, [{ group: '*', kind: 'Config?ap' }])).toHaveLength(1);
    expect(ignoreRulesFor(configMap, [{ kind: 'ConfigMap' }])).toHaveLength(1);
  });

  it('JSON pointers unescape ~1 and ~0, and a missing path changes nothing', () => {
    const doc = { metadata: { annotations: { 'a/b': 'x', 'c~d': 'y', keep: 'z' } } };
    removeJsonPointer(doc, '/metadata/annotations/a~1b');
    removeJsonPointer(doc, '/metadata/annotations/c~0d');
    removeJsonPointer(doc, '/spec/nothing/here');
    expect(doc).toEqual({ metadata: { annotations: { keep: 'z' } } });
  });

  it('jqPathExpressions: an injected init container selected by name is ignored', async () => {
    const jq = await loadJqEngine();
    const injected = { name: 'istio-init', image: 'proxy:1' };
    const rules = [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec.template.spec.initContainers[] | select(.name == "istio-init")'] }];
    const desired = deployment(1);
    const live = deployment(1, { initContainers: [injected] });
    expect(diffResource(desired, live, { ignoreDifferences: rules, jq }).modified).toBe(false);
    // Without the rule, the injected container is kept by the merge and the
    // live object equals the prediction too; a changed image must still show.
    const changed = deployment(1, { initContainers: [{ ...injected, image: 'proxy:2' }] });
    const normalized = applyIgnoreDifferences(changed, rules, jq) as any;
    expect(normalized.spec.template.spec.initContainers).toBeUndefined();
  });

  it('jqPathExpressions that do not compile are reported with the expression', async () => {
    const jq = await loadJqEngine();
    const rules = [{ kind: 'Deployment', group: 'apps', jqPathExpressions: ['.spec[ | oops'] }];
    expect(() => applyIgnoreDifferences(deployment(1), rules, jq)).toThrow(JqExpressionError);
    expect(() => applyIgnoreDifferences(deployment(1), rules, jq)).toThrow(/\.spec\[ \| oops/);
  });

  it('jqPathExpressions without a jq engine is a clear error', () => {
    const rules = [{ kind: 'Deployment', group: 'apps', jqPathExpressions: ['.spec.replicas'] }];
    expect(() => applyIgnoreDifferences(deployment(1), rules)).toThrow(/loadJqEngine/);
  });

  it('managedFieldsManagers: a field set by a trusted manager keeps its live value', () => {
    const live = {
      ...deployment(5),
      metadata: {
        name: 'guestbook',
        namespace: 'default',
        managedFields: [
          { manager: 'kube-controller-manager', operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
        ],
      },
    };
    const rules = [{ group: 'apps', kind: 'Deployment', managedFieldsManagers: ['kube-controller-manager'] }];
    expect(diffResource(deployment(3), live, { ignoreDifferences: rules }).modified).toBe(false);
    expect(diffResource(deployment(3), live, { ignoreDifferences: [{ group: 'apps', kind: 'Deployment', managedFieldsManagers: ['someone-else'] }] }).modified).toBe(true);
    // A field the manager does not own still counts.
    const changedImage = deployment(3);
    (changedImage.spec.template.spec.containers[0] as any).image = 'app:2';
    expect(diffResource(changedImage, live, { ignoreDifferences: rules }).modified).toBe(true);
    const { live: l, desired: d } = normalizeTrustedManagers(live, deployment(3), ['kube-controller-manager']);
    expect((l.spec as any).replicas).toBeUndefined();
    expect((d.spec as any).replicas).toBeUndefined();
  });

  it('managedFieldsManagers follows keyed lists item by item: another item still counts', () => {
    const webhooks = (caBundle: string, rule: string) => ({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'hooks' },
      webhooks: [
        { name: 'a.example.com', clientConfig: { caBundle }, rules: [{ operations: [rule] }] },
        { name: 'b.example.com', clientConfig: { caBundle: 'b' }, rules: [{ operations: ['CREATE'] }] },
      ],
    });
    const live = {
      ...webhooks('injected', 'CREATE'),
      metadata: {
        name: 'hooks',
        managedFields: [
          {
            manager: 'cert-injector',
            operation: 'Update',
            fieldsV1: { 'f:webhooks': { 'k:{"name":"a.example.com"}': { 'f:clientConfig': { 'f:caBundle': {} } } } },
          },
        ],
      },
    };
    const rules = [{ group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', managedFieldsManagers: ['cert-injector'] }];
    // the injected CA bundle is the trusted manager's
    expect(diffResource(webhooks('', 'CREATE'), live, { ignoreDifferences: rules }).modified).toBe(false);
    // a change to the same webhook's rules is still Git's
    expect(diffResource(webhooks('', 'UPDATE'), live, { ignoreDifferences: rules }).modified).toBe(true);
    const { live: l, desired: d } = normalizeTrustedManagers(live, webhooks('', 'CREATE'), ['cert-injector']);
    expect((l.webhooks as any[]).map(w => w.clientConfig)).toEqual([{}, { caBundle: 'b' }]);
    expect((d.webhooks as any[]).map(w => w.clientConfig)).toEqual([{}, { caBundle: 'b' }]);
  });
});
