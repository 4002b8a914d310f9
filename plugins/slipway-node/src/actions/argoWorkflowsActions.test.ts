import type { KubeObject } from '@slipway/plugin-slipway-common';
import { argoWorkflowsActions } from './argoWorkflowsActions';

const NOW = new Date('2026-12-07T16:05:09.123Z');

const [fromCron] = argoWorkflowsActions['argoproj.io/CronWorkflow'];
const [fromTemplate] = argoWorkflowsActions['argoproj.io/WorkflowTemplate'];

const cronWorkflow = (
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'CronWorkflow',
  metadata: { name: 'nightly', namespace: 'jobs', uid: 'c-1', ...metadata },
  spec: { schedule: '0 2 * * *', ...spec },
});

const created = (changes: unknown[]) => {
  expect(changes).toHaveLength(1);
  expect(changes[0]).toMatchObject({ operation: 'create' });
  return (changes[0] as { object: Record<string, any> }).object;
};

describe("Argo CD's Argo Workflows actions", () => {
  it('submits a CronWorkflow now as a Workflow named after it and the minute, owned by it', () => {
    const workflow = created(
      fromCron.run(
        cronWorkflow(
          {
            workflowMetadata: {
              labels: { team: 'data' },
              annotations: { note: 'x' },
              // Argo CD hands Lua the list without its null items
              finalizers: [null, 'keep'] as unknown as string[],
            },
            workflowSpec: { entrypoint: 'main', templates: [{ name: 'main' }] },
          },
          {
            labels: { 'workflows.argoproj.io/controller-instanceid': 'blue' },
          },
        ),
        NOW,
        {},
      ),
    );
    expect(workflow).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: {
        name: 'nightly-202612071605',
        namespace: 'jobs',
        labels: {
          team: 'data',
          'workflows.argoproj.io/cron-workflow': 'nightly',
          'workflows.argoproj.io/controller-instanceid': 'blue',
        },
        annotations: {
          note: 'x',
          // Argo CD's format: the day twice, no seconds
          'workflows.argoproj.io/scheduled-time': '2026-12-07T07:16:05Z',
        },
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'CronWorkflow',
            name: 'nightly',
            uid: 'c-1',
          },
        ],
      },
      // beside metadata, where Argo CD's script puts them
      finalizers: ['keep'],
      spec: { entrypoint: 'main', templates: [{ name: 'main' }] },
    });
  });

  it('copies the workflow spec without its empty maps and lists, as Argo CD does', () => {
    const workflow = created(
      fromCron.run(
        cronWorkflow(
          {
            workflowSpec: {
              entrypoint: 'main',
              arguments: {},
              volumes: [],
              podMetadata: { labels: {} },
              templates: [{ name: 'main' }, {}],
            },
          },
          { uid: undefined },
        ),
        NOW,
        {},
      ),
    );
    expect(workflow.spec).toEqual({
      entrypoint: 'main',
      // a map left with only empty members is written as Lua writes it
      podMetadata: [],
      templates: [{ name: 'main' }],
    });
    expect(workflow.finalizers).toEqual([]);
    expect(workflow.metadata.labels).toEqual({
      'workflows.argoproj.io/cron-workflow': 'nightly',
    });
    expect(workflow.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'CronWorkflow',
        name: 'nightly',
      },
    ]);
  });

  it('submits a WorkflowTemplate by reference', () => {
    const template: KubeObject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTemplate',
      metadata: { name: 'build', namespace: 'ci', uid: 't-1' },
      spec: { entrypoint: 'main' },
    };
    expect(fromTemplate.disabled).toBeUndefined();
    expect(created(fromTemplate.run(template, NOW, {}))).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: {
        name: 'build-202612071605',
        namespace: 'ci',
        labels: { 'workflows.argoproj.io/workflow-template': 'build' },
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'WorkflowTemplate',
            name: 'build',
            uid: 't-1',
          },
        ],
      },
      spec: { workflowTemplateRef: { name: 'build' } },
    });
  });
});
