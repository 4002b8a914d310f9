import { atHistory, atRevision, historySource } from './operationTarget';

const single = {
  name: 'web',
  spec: {
    source: { repoURL: 'https://git/x', path: 'prod', targetRevision: 'main' },
    destination: { name: 'c', namespace: 'web' },
  },
};
const multi = {
  name: 'web',
  spec: {
    sources: [
      { repoURL: 'https://charts', chart: 'web', targetRevision: '1.x' },
      { repoURL: 'https://git/values', targetRevision: 'main', ref: 'values' },
    ],
    destination: { name: 'c', namespace: 'web' },
  },
};

describe('operation targets', () => {
  it('a sync revision replaces the targetRevision of the first source', () => {
    expect(atRevision(single, 'v1.2').spec.source).toEqual({ repoURL: 'https://git/x', path: 'prod', targetRevision: 'v1.2' });
  });

  it('a rollback returns to the deployed source at the deployed revision', () => {
    const entry = {
      id: 1,
      applicationRef: 'application:default/web',
      revision: 'abc123',
      source: historySource(atRevision(single, 'old-branch'), ['abc123']),
      initiator: 'user:default/ada',
      deployedAt: '2026-01-01T00:00:00Z',
    };
    expect(atHistory(single, entry).spec.source).toEqual({ repoURL: 'https://git/x', path: 'prod', targetRevision: 'abc123' });
  });

  it('a rollback of a multi-source application pins every source to its deployed revision', () => {
    const entry = {
      id: 2,
      applicationRef: 'application:default/web',
      revision: '1.4.0',
      source: historySource(multi, ['1.4.0', 'def456']),
      initiator: 'automated',
      deployedAt: '2026-01-01T00:00:00Z',
    };
    expect(atHistory(multi, entry).spec.sources!.map(s => s.targetRevision)).toEqual(['1.4.0', 'def456']);
  });
});
