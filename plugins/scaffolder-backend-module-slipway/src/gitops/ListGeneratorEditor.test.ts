import { parseAllDocuments } from 'yaml';
import { addListElement, ListGeneratorEditError } from './ListGeneratorEditor';

const file = `# Environments of the payments service.
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: payments
spec:
  generators:
    - list:
        elements:
          # development cluster
          - env: dev
            cluster: embedded
          - env: prod # the real one
            cluster: embedded
  template:
    metadata:
      name: 'payments-{{env}}'
    spec:
      project: default
      source:
        repoURL: https://example.com/gitops.git
        path: 'apps/payments/overlays/{{env}}'
      destination:
        name: '{{cluster}}'
        namespace: 'payments-{{env}}'
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: other
spec:
  generators:
    - list:
        elements: []
  template: {}
`;

const target = { applicationSet: 'payments', nameKey: 'env' };

describe('addListElement', () => {
  it('appends the element and keeps every comment and the other documents', () => {
    const out = addListElement(file, target, { env: 'staging', cluster: 'embedded' });
    expect(out).toContain('# Environments of the payments service.');
    expect(out).toContain('# development cluster');
    expect(out).toContain('- env: prod # the real one');
    expect(out).toContain('name: other');
    const [payments] = parseAllDocuments(out).map(d => d.toJS());
    expect(payments.spec.generators[0].list.elements).toEqual([
      { env: 'dev', cluster: 'embedded' },
      { env: 'prod', cluster: 'embedded' },
      { env: 'staging', cluster: 'embedded' },
    ]);
  });

  it('changes nothing else in the file', () => {
    const out = addListElement(file, target, { env: 'qa', cluster: 'embedded' });
    const expected = file.replace(
      '          - env: prod # the real one\n            cluster: embedded\n',
      '          - env: prod # the real one\n            cluster: embedded\n          - env: qa\n            cluster: embedded\n',
    );
    expect(out).toBe(expected);
  });

  it('changes no other byte of a file the yaml printer would format differently', () => {
    const fourSpaces = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
    name: payments
spec:
    goTemplateOptions: ["missingkey=error"]
    generators:
    -   list:
            elements:
            -   env: dev
                labels: {tier: "backend"}
    template: {}
`;
    const out = addListElement(fourSpaces, target, { env: 'qa', labels: { tier: 'backend' } });
    expect(out).toBe(
      fourSpaces.replace(
        '                labels: {tier: "backend"}\n',
        '                labels: {tier: "backend"}\n            -   env: qa\n                labels:\n                    tier: backend\n',
      ),
    );
  });

  it('refuses a name that already exists', () => {
    expect(() => addListElement(file, target, { env: 'prod', cluster: 'x' })).toThrow(
      new ListGeneratorEditError(
        "ApplicationSet 'payments' already has an element with env 'prod'; choose another name",
      ),
    );
  });

  it('refuses an ApplicationSet that is not in the file or has no list generator', () => {
    expect(() =>
      addListElement(file, { applicationSet: 'missing', nameKey: 'env' }, { env: 'x' }),
    ).toThrow("no ApplicationSet named 'missing' in the file");
    const gitOnly = file.replace(/- list:\n {8}elements:[\s\S]*?(?= {2}template)/, '- git:\n        repoURL: x\n');
    expect(() => addListElement(gitOnly, target, { env: 'x' })).toThrow(/has no list generator/);
  });

  it('finds a list generator nested in a matrix generator', () => {
    const matrix = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: payments
spec:
  generators:
    - matrix:
        generators:
          - clusters: {}
          - list:
              elements:
                - env: dev
  template: {}
`;
    const out = addListElement(matrix, target, { env: 'prod' });
    expect(out).toContain('- env: prod');
  });
});
