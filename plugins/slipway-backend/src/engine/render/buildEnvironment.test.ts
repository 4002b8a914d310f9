import { buildEnvironment, substituteBuildEnvironment } from './buildEnvironment';

describe('buildEnvironment', () => {
  it('describes the Application and the source like Argo CD', () => {
    expect(
      buildEnvironment({
        appName: 'guestbook',
        destinationNamespace: 'web',
        project: 'team-a',
        revision: 'f913b6cbf58aa5ae5ca1f8a2b149477aebcbd9d8',
        repoURL: 'https://git.example.com/apps.git',
        path: 'jsonnet-guestbook',
        targetRevision: 'main',
      }),
    ).toEqual({
      ARGOCD_APP_NAME: 'guestbook',
      ARGOCD_APP_NAMESPACE: 'web',
      ARGOCD_APP_PROJECT_NAME: 'team-a',
      ARGOCD_APP_REVISION: 'f913b6cbf58aa5ae5ca1f8a2b149477aebcbd9d8',
      ARGOCD_APP_REVISION_SHORT: 'f913b6c',
      ARGOCD_APP_REVISION_SHORT_8: 'f913b6cb',
      ARGOCD_APP_SOURCE_REPO_URL: 'https://git.example.com/apps.git',
      ARGOCD_APP_SOURCE_PATH: 'jsonnet-guestbook',
      ARGOCD_APP_SOURCE_TARGET_REVISION: 'main',
    });
  });
});

describe('substituteBuildEnvironment', () => {
  const env = { ARGOCD_APP_NAME: 'guestbook', ARGOCD_APP_NAMESPACE: 'web' };

  it.each([
    ['$ARGOCD_APP_NAME', 'guestbook'],
    ['${ARGOCD_APP_NAME}-ui', 'guestbook-ui'],
    ['$ARGOCD_APP_NAME.$ARGOCD_APP_NAMESPACE', 'guestbook.web'],
    ['costs $$5', 'costs $5'],
    ['unknown $NOPE and ${NOPE} are empty', 'unknown  and  are empty'],
    ['$1 and ${#} are special names', ' and  are special names'],
    ['a lone $ stays', 'a lone $ stays'],
    ['trailing $', 'trailing $'],
    ['${} and ${unclosed', ' and unclosed'],
    ['no variables', 'no variables'],
  ])('%s → %s, as Go’s os.Expand does', (text, expected) => {
    expect(substituteBuildEnvironment(text, env)).toBe(expected);
  });
});
