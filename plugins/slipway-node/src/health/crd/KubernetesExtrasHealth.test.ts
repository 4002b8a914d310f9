import {
  customResourceDefinitionHealth,
  kubernetesExtrasHealthChecks,
  podDisruptionBudgetHealth,
} from './KubernetesExtrasHealth';
import { kube } from '../testObjects';

const crd = (conditions?: object[]) =>
  kube('apiextensions.k8s.io/v1', 'CustomResourceDefinition', {
    status: { conditions },
  });

const namesAccepted = {
  type: 'NamesAccepted',
  status: 'True',
  message: 'no conflicts found',
};
const established = {
  type: 'Established',
  status: 'True',
  message: 'the initial names have been accepted',
};

describe('CustomResourceDefinition health', () => {
  it('is Healthy once names are accepted and the CRD is established', () => {
    expect(
      customResourceDefinitionHealth(crd([namesAccepted, established])),
    ).toEqual({ status: 'Healthy', message: 'CRD is healthy' });
  });

  it('is Progressing while the API server has reported no conditions', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Status conditions not found',
    };
    expect(customResourceDefinitionHealth(crd())).toEqual(waiting);
    expect(customResourceDefinitionHealth(crd([]))).toEqual(waiting);
  });

  it('is Unknown without any status, where Argo CD’s script fails', () => {
    expect(
      customResourceDefinitionHealth(
        kube('apiextensions.k8s.io/v1', 'CustomResourceDefinition'),
      ).status,
    ).toBe('Unknown');
  });

  it('is Progressing while terminating, before any other verdict', () => {
    expect(
      customResourceDefinitionHealth(
        crd([
          { type: 'NamesAccepted', status: 'False', message: 'conflict' },
          { type: 'Terminating', status: 'True', message: 'being deleted' },
        ]),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'CRD is terminating: being deleted',
    });
  });

  it('is Progressing once deleted, whatever its conditions say', () => {
    expect(
      customResourceDefinitionHealth({
        ...crd([established]),
        metadata: { name: 'x', deletionTimestamp: '2026-12-07T10:00:00Z' },
      }),
    ).toEqual({ status: 'Progressing', message: 'CRD is terminating' });
  });

  it('quotes the last signalling condition, whichever it is', () => {
    expect(
      customResourceDefinitionHealth(
        crd([
          { type: 'Terminating', status: 'True', message: 'being deleted' },
          established,
        ]),
      ).message,
    ).toBe('CRD is terminating: the initial names have been accepted');
  });

  it('is Degraded when its names are not accepted', () => {
    expect(
      customResourceDefinitionHealth(
        crd([
          { type: 'NamesAccepted', status: 'False', message: 'taken' },
          { type: 'Established', status: 'False' },
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'CRD names have not been accepted: taken',
    });
  });

  it('is Degraded while not established', () => {
    expect(
      customResourceDefinitionHealth(
        crd([namesAccepted, { type: 'Established', status: 'False' }]),
      ),
    ).toEqual({ status: 'Degraded', message: 'CRD is not established' });
  });

  it('is Degraded with a non-structural schema', () => {
    expect(
      customResourceDefinitionHealth(
        crd([
          namesAccepted,
          established,
          {
            type: 'NonStructuralSchema',
            status: 'True',
            message: 'spec.x: must be false',
          },
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Schema violations found: spec.x: must be false',
    });
  });

  it('is Unknown when the quoted condition has no message', () => {
    expect(
      customResourceDefinitionHealth(
        crd([{ type: 'Terminating', status: 'True' }]),
      ).status,
    ).toBe('Unknown');
  });
});

describe('PodDisruptionBudget health', () => {
  const pdb = (conditions?: object[]) =>
    kube('policy/v1', 'PodDisruptionBudget', {
      status: conditions ? { conditions } : undefined,
    });

  it('is Progressing until the controller reports', () => {
    expect(podDisruptionBudgetHealth(pdb())).toEqual({
      status: 'Progressing',
      message: 'Waiting for status',
    });
  });

  it('is Healthy when disruptions are allowed', () => {
    expect(
      podDisruptionBudgetHealth(
        pdb([
          {
            type: 'DisruptionAllowed',
            status: 'True',
            reason: 'SufficientPods',
          },
        ]),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'PodDisruptionBudget has SufficientPods',
    });
  });

  it('counts InsufficientPods as Healthy: blocking evictions may be intended', () => {
    expect(
      podDisruptionBudgetHealth(
        pdb([
          {
            type: 'DisruptionAllowed',
            status: 'False',
            reason: 'InsufficientPods',
          },
        ]),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'PodDisruptionBudget has InsufficientPods',
    });
  });

  it('is Degraded on any other False condition', () => {
    expect(
      podDisruptionBudgetHealth(
        pdb([
          {
            type: 'DisruptionAllowed',
            status: 'False',
            reason: 'InsufficientPods',
          },
          { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed' },
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'PodDisruptionBudget has SyncFailed',
    });
  });

  it('is Unknown when a condition has no reason, where Argo CD’s script fails', () => {
    expect(
      podDisruptionBudgetHealth(
        pdb([{ type: 'DisruptionAllowed', status: 'True' }]),
      ).status,
    ).toBe('Unknown');
  });
});

describe('kubernetesExtrasHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(Object.keys(kubernetesExtrasHealthChecks).sort()).toEqual([
      'apiextensions.k8s.io/CustomResourceDefinition',
      'policy/PodDisruptionBudget',
    ]);
  });
});
