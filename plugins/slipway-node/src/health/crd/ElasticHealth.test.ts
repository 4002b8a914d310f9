import {
  beatHealth,
  elasticHealthChecks,
  elasticsearchHealth,
} from './ElasticHealth';
import { kube } from '../testObjects';

const unknownEs =
  'Elasticsearch Cluster status is unknown. Ensure your ArgoCD is current and then check for/file a bug report: https://github.com/argoproj/argo-cd/issues';
const unknownBeat =
  'Elastic Beat status is unknown. Ensure your ArgoCD is current and then check for/file a bug report: https://github.com/argoproj/argo-cd/issues';

describe('ECK Elasticsearch health', () => {
  const es = (status?: Record<string, unknown>, counts = [3, 2]) =>
    kube('elasticsearch.k8s.elastic.co/v1', 'Elasticsearch', {
      spec: { nodeSets: counts.map((count, i) => ({ name: `n${i}`, count })) },
      status,
    });
  const ready = (health: string, phase = 'Ready') =>
    elasticsearchHealth(es({ availableNodes: 5, health, phase }));

  it('is Progressing while fewer nodes are available than all node sets ask for', () => {
    expect(
      elasticsearchHealth(es({ availableNodes: 3, phase: 'Ready' })),
    ).toEqual({
      status: 'Progressing',
      message:
        'The desired amount of availableNodes is 5 but the current amount is 3',
    });
  });

  it('judges a Ready cluster by its health colour', () => {
    expect(ready('green')).toEqual({
      status: 'Healthy',
      message: 'Elasticsearch Cluster status is Green',
    });
    expect(ready('yellow')).toEqual({
      status: 'Progressing',
      message:
        'Elasticsearch Cluster status is Yellow. Check the status of indices, replicas and shards',
    });
    expect(ready('red')).toEqual({
      status: 'Degraded',
      message:
        'Elasticsearch Cluster status is Red. Check the status of indices, replicas and shards',
    });
    expect(ready('unknown')).toEqual({ status: 'Unknown', message: unknownEs });
  });

  it('reports the other phases it knows', () => {
    expect(ready('green', 'ApplyingChanges')).toEqual({
      status: 'Progressing',
      message: 'Elasticsearch phase is ApplyingChanges',
    });
    expect(ready('green', 'MigratingData')).toEqual({
      status: 'Progressing',
      message: 'Elasticsearch phase is MigratingData',
    });
    expect(ready('red', 'Invalid')).toEqual({
      status: 'Degraded',
      message: 'Elasticsearch phase is Invalid',
    });
    expect(ready('green', 'Upgrading').status).toBe('Unknown');
  });

  it('is Unknown without enough to go on', () => {
    expect(elasticsearchHealth(es())).toEqual({
      status: 'Unknown',
      message: unknownEs,
    });
    expect(elasticsearchHealth(es({})).status).toBe('Unknown');
    // A phase without a health colour says nothing.
    expect(
      elasticsearchHealth(es({ availableNodes: 5, phase: 'Ready' })).status,
    ).toBe('Unknown');
    // More nodes than asked for (a scale-down in flight) is not judged.
    expect(
      elasticsearchHealth(
        es({ availableNodes: 6, health: 'green', phase: 'Ready' }),
      ).status,
    ).toBe('Unknown');
  });
});

describe('ECK Beat health', () => {
  const beat = (status?: Record<string, unknown>) =>
    kube('beat.k8s.elastic.co/v1beta1', 'Beat', { spec: {}, status });

  it('maps the health colour', () => {
    expect(beatHealth(beat({ health: 'green' }))).toEqual({
      status: 'Healthy',
      message: 'Elastic Beat status is Green',
    });
    expect(beatHealth(beat({ health: 'red', expectedNodes: 1 }))).toEqual({
      status: 'Degraded',
      message: 'Elastic Beat status is Red',
    });
  });

  it('tells how far a yellow Beat has deployed when both counts are known', () => {
    expect(
      beatHealth(
        beat({ health: 'yellow', availableNodes: 1, expectedNodes: 2 }),
      ),
    ).toEqual({
      status: 'Progressing',
      message:
        'Elastic Beat status is deploying, there is 1 instance(s) on 2 expected',
    });
    expect(beatHealth(beat({ health: 'yellow', expectedNodes: 1 }))).toEqual({
      status: 'Progressing',
      message: 'Elastic Beat phase is progressing',
    });
  });

  it('is Progressing with expected nodes but no colour yet', () => {
    expect(beatHealth(beat({ expectedNodes: 1 }))).toEqual({
      status: 'Progressing',
      message: 'Elastic Beat phase is progressing',
    });
  });

  it('is Unknown for an unknown colour or an empty status', () => {
    expect(beatHealth(beat({ health: 'invalid', expectedNodes: 1 }))).toEqual({
      status: 'Unknown',
      message: unknownBeat,
    });
    expect(beatHealth(beat({})).status).toBe('Unknown');
    expect(beatHealth(beat()).status).toBe('Unknown');
  });
});

it('registers the ECK kinds under their Argo CD folder names', () => {
  expect(Object.keys(elasticHealthChecks).sort()).toEqual([
    'beat.k8s.elastic.co/Beat',
    'elasticsearch.k8s.elastic.co/Elasticsearch',
  ]);
});
