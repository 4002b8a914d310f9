import {
  checkApplication,
  checkResources,
  isDestinationPermitted,
  isGroupKindPermitted,
  isSourcePermitted,
} from './permissions';
import { DEFAULT_PROJECT, Project } from './types';

const project = (spec: Partial<Project>): Project => ({
  ...DEFAULT_PROJECT,
  name: 'team',
  sourceRepos: [],
  destinations: [],
  clusterResourceWhitelist: [],
  ...spec,
});

describe('project source repositories (Argo CD sourceRepos)', () => {
  it('the default project permits every repository', () => {
    expect(isSourcePermitted(DEFAULT_PROJECT, 'https://github.com/acme/anything.git')).toBe(true);
  });

  it('denies repositories matching a ! pattern, case- and .git-insensitively, and allows the rest through *', () => {
    // the example of the Argo CD projects documentation
    const p = project({
      sourceRepos: ['!ssh://git@GITHUB.com/argoproj/test', '!https://gitlab.com/group/**', '*'],
    });
    expect(isSourcePermitted(p, 'ssh://git@github.com/argoproj/test')).toBe(false);
    expect(isSourcePermitted(p, 'ssh://git@github.com/argoproj/test.git')).toBe(false);
    expect(isSourcePermitted(p, 'https://gitlab.com/group/sub/repo')).toBe(false);
    expect(isSourcePermitted(p, 'https://github.com/argoproj/argo-cd')).toBe(true);
  });

  it('needs an allow pattern: a project with only deny patterns permits nothing', () => {
    const p = project({ sourceRepos: ['!https://github.com/acme/secret'] });
    expect(isSourcePermitted(p, 'https://github.com/acme/web')).toBe(false);
  });

  it('matches globs within one path segment', () => {
    const p = project({ sourceRepos: ['https://github.com/acme/team-*'] });
    expect(isSourcePermitted(p, 'https://github.com/acme/team-web')).toBe(true);
    expect(isSourcePermitted(p, 'https://github.com/acme/other')).toBe(false);
    expect(isSourcePermitted(p, 'https://github.com/other/team-web')).toBe(false);
  });
});

describe('project destinations (Argo CD destinations)', () => {
  it('permits a destination matching server or name, and namespace', () => {
    const p = project({ destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'guestbook' }] });
    expect(isDestinationPermitted(p, { server: 'https://kubernetes.default.svc', namespace: 'guestbook' })).toBe(true);
    expect(isDestinationPermitted(p, { server: 'https://kubernetes.default.svc', namespace: 'other' })).toBe(false);
    expect(isDestinationPermitted(p, { server: 'https://prod.example.com', namespace: 'guestbook' })).toBe(false);
    const byName = project({ destinations: [{ name: 'prod-*', namespace: 'team-*' }] });
    expect(isDestinationPermitted(byName, { name: 'prod-eu', server: 'https://x', namespace: 'team-a' })).toBe(true);
    expect(isDestinationPermitted(byName, { name: 'dev', server: 'https://x', namespace: 'team-a' })).toBe(false);
  });

  it('denies the kube-system namespace and team1 clusters with ! rules, even when * allows them', () => {
    // the example of the Argo CD projects documentation
    const p = project({
      destinations: [
        { namespace: '!kube-system', server: '*' },
        { namespace: '*', server: '!https://team1-*' },
        { namespace: '*', server: '*' },
      ],
    });
    expect(isDestinationPermitted(p, { server: 'https://prod', namespace: 'kube-system' })).toBe(false);
    expect(isDestinationPermitted(p, { server: 'https://team1-cluster', namespace: 'web' })).toBe(false);
    expect(isDestinationPermitted(p, { server: 'https://prod', namespace: 'web' })).toBe(true);
  });

  it('a project without destinations permits none', () => {
    expect(isDestinationPermitted(project({}), { name: 'embedded', namespace: 'web' })).toBe(false);
  });
});

describe('project resource allow and deny lists', () => {
  it('the default project permits cluster-scoped and namespaced kinds', () => {
    expect(isGroupKindPermitted(DEFAULT_PROJECT, '', 'Namespace', false)).toBe(true);
    expect(isGroupKindPermitted(DEFAULT_PROJECT, 'rbac.authorization.k8s.io', 'ClusterRole', false)).toBe(true);
    expect(isGroupKindPermitted(DEFAULT_PROJECT, 'apps', 'Deployment', true)).toBe(true);
  });

  it('denies every cluster-scoped kind when clusterResourceWhitelist is empty, except those listed', () => {
    expect(isGroupKindPermitted(project({}), '', 'Namespace', false)).toBe(false);
    const p = project({ clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] });
    expect(isGroupKindPermitted(p, '', 'Namespace', false)).toBe(true);
    expect(isGroupKindPermitted(p, 'rbac.authorization.k8s.io', 'ClusterRole', false)).toBe(false);
  });

  it('allows all namespaced kinds except the deny list, or only the allow list when given', () => {
    const deny = project({
      namespaceResourceBlacklist: [
        { group: '', kind: 'ResourceQuota' },
        { group: '', kind: 'LimitRange' },
        { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
      ],
    });
    expect(isGroupKindPermitted(deny, '', 'ResourceQuota', true)).toBe(false);
    expect(isGroupKindPermitted(deny, 'networking.k8s.io', 'NetworkPolicy', true)).toBe(false);
    expect(isGroupKindPermitted(deny, 'apps', 'Deployment', true)).toBe(true);
    const allow = project({
      namespaceResourceWhitelist: [
        { group: 'apps', kind: 'Deployment' },
        { group: 'apps', kind: 'StatefulSet' },
      ],
    });
    expect(isGroupKindPermitted(allow, 'apps', 'Deployment', true)).toBe(true);
    expect(isGroupKindPermitted(allow, '', 'ConfigMap', true)).toBe(false);
    expect(isGroupKindPermitted(project({ namespaceResourceWhitelist: [] }), 'apps', 'Deployment', true)).toBe(false);
  });

  it('the deny list wins over the allow list; globs match groups and kinds', () => {
    const p = project({
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      clusterResourceBlacklist: [{ group: '*.k8s.io', kind: 'Cluster*' }],
    });
    expect(isGroupKindPermitted(p, 'rbac.authorization.k8s.io', 'ClusterRoleBinding', false)).toBe(false);
    expect(isGroupKindPermitted(p, '', 'Namespace', false)).toBe(true);
  });
});

describe('checkApplication and checkResources', () => {
  const team = project({
    sourceRepos: ['https://git.example.com/team/*'],
    destinations: [{ name: 'embedded', namespace: 'team-*' }],
    sourceNamespaces: ['team'],
    catalogLocations: ['url:https://git.example.com/team/**'],
  });

  it('reports each violation of a forbidden application as InvalidSpecError, naming the project', () => {
    const violations = checkApplication(team, {
      name: 'web',
      entityNamespace: 'other',
      originLocation: 'url:https://git.example.com/other/catalog.yaml',
      repoURLs: ['https://git.example.com/other/gitops'],
      destination: { name: 'embedded', namespace: 'kube-system' },
    });
    expect(violations.map(v => v.type)).toEqual(Array(4).fill('InvalidSpecError'));
    expect(violations.map(v => v.message).join('\n')).toMatch(/repo https:\/\/git.example.com\/other\/gitops is not permitted in project 'team'/);
    expect(violations.map(v => v.message).join('\n')).toMatch(/destination cluster 'embedded' namespace 'kube-system' is not permitted/);
  });

  it('permits an application inside its fence', () => {
    expect(
      checkApplication(team, {
        name: 'web',
        entityNamespace: 'team',
        originLocation: 'url:https://git.example.com/team/apps/catalog.yaml',
        repoURLs: ['https://git.example.com/team/gitops.git'],
        destination: { name: 'embedded', namespace: 'team-web' },
      }),
    ).toEqual([]);
  });

  it('flags cluster-scoped kinds and namespaces outside the destinations as ResourceNotPermitted', () => {
    const violations = checkResources(team, { name: 'embedded', namespace: 'team-web' }, [
      { group: 'apps', kind: 'Deployment', namespace: 'team-web', name: 'web' },
      { group: '', kind: 'Namespace', namespace: '', name: 'team-web' },
      { group: '', kind: 'ConfigMap', namespace: 'kube-system', name: 'cfg' },
    ]);
    expect(violations).toEqual([
      { type: 'ResourceNotPermitted', message: expect.stringContaining('resource Namespace team-web is not permitted') },
      { type: 'ResourceNotPermitted', message: expect.stringContaining("namespace 'kube-system' of ConfigMap cfg") },
    ]);
  });
});
