import { locateApplicationSet } from './locateApplicationSet';

const set = (location: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  metadata: { name: 'payments', annotations: { 'backstage.io/managed-by-location': location } },
  spec: { template: { spec: { source: { repoURL: 'https://github.com/acme/gitops.git' } } } },
});
const localPaths = [{ url: 'https://git.example.com/demo.git', localPath: '/srv/demo' }];

describe('locateApplicationSet', () => {
  it('reads the repository and file from a Git host URL of a repository the set names', () => {
    expect(
      locateApplicationSet(set('url:https://github.com/acme/gitops/blob/main/sets/payments.yaml'), 'applicationset:default/payments', { localPaths }),
    ).toEqual({ repoURL: 'https://github.com/acme/gitops.git', filePath: 'sets/payments.yaml', name: 'payments' });
  });

  it('reads a file location inside a configured local folder', () => {
    expect(
      locateApplicationSet(set('file:/srv/demo/applicationsets/payments.yaml'), 'applicationset:default/payments', { localPaths }),
    ).toEqual({ repoURL: 'https://git.example.com/demo.git', filePath: 'applicationsets/payments.yaml', name: 'payments' });
  });

  it('says what to give instead when it cannot tell, and refuses other kinds and missing entities', () => {
    expect(() =>
      locateApplicationSet(set('file:/elsewhere/payments.yaml'), 'applicationset:default/payments', { localPaths }),
    ).toThrow(
      "cannot tell which Git repository and file hold ApplicationSet 'applicationset:default/payments' (catalog location file:/elsewhere/payments.yaml); give 'repoURL' and 'filePath' instead",
    );
    expect(() =>
      locateApplicationSet({ ...set('x'), kind: 'Component' }, 'component:default/payments', { localPaths }),
    ).toThrow("'component:default/payments' is a Component, not an ApplicationSet");
    expect(() => locateApplicationSet(undefined, 'applicationset:default/nope', { localPaths })).toThrow(
      "ApplicationSet 'applicationset:default/nope' is not in the catalog",
    );
  });
});
