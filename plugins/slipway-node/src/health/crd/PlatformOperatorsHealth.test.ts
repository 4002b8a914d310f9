import {
  ingressControllerHealth,
  knativeEventingHealth,
  knativeServingHealth,
  platformOperatorsHealthChecks,
} from './PlatformOperatorsHealth';
import { kube } from '../testObjects';

const withConditions = (
  apiVersion: string,
  kind: string,
  conditions?: object[],
) => kube(apiVersion, kind, { status: conditions ? { conditions } : {} });
const c = (type: string, status: string, more: object = {}) => ({
  type,
  status,
  ...more,
});

describe('Knative operator KnativeEventing', () => {
  const eventing = (conditions?: object[]) =>
    knativeEventingHealth(
      withConditions(
        'operator.knative.dev/v1beta1',
        'KnativeEventing',
        conditions,
      ),
    );

  it('is registered under its Argo CD folder name', () => {
    expect(
      platformOperatorsHealthChecks['operator.knative.dev/KnativeEventing'],
    ).toBe(knativeEventingHealth);
  });

  it('waits for conditions', () => {
    expect(eventing()).toEqual({
      status: 'Progressing',
      message: 'Waiting for KnativeEventing',
    });
  });

  it('is healthy once installed and ready', () => {
    expect(
      eventing([c('InstallSucceeded', 'True'), c('Ready', 'True')]),
    ).toEqual({ status: 'Healthy', message: 'KnativeEventing is healthy.' });
  });

  it('is progressing while not ready or undecided, listing every condition', () => {
    expect(
      eventing([c('InstallSucceeded', 'True'), c('Ready', 'False')]),
    ).toEqual({
      status: 'Progressing',
      message: '1: InstallSucceeded | True\n2: Ready | False\n',
    });
    expect(
      eventing([c('InstallSucceeded', 'Unknown'), c('Ready', 'True')]).status,
    ).toBe('Progressing');
  });

  it('is degraded when not everything is done for another reason', () => {
    expect(
      eventing([c('InstallSucceeded', 'False'), c('Ready', 'True')]),
    ).toEqual({
      status: 'Degraded',
      message: '1: InstallSucceeded | False\n2: Ready | True\n',
    });
    expect(eventing([]).status).toBe('Degraded');
    // A done type counted twice is not "exactly two".
    expect(
      eventing([
        c('InstallSucceeded', 'True'),
        c('Ready', 'True'),
        c('Ready', 'True'),
      ]).status,
    ).toBe('Degraded');
  });

  it('is unknown for a condition without a type or status, as the script fails', () => {
    expect(eventing([{ type: 'Ready' }]).status).toBe('Unknown');
  });

  it('leaves null conditions out of the verdict and the numbered list', () => {
    expect(
      eventing([
        null,
        c('Ready', 'False'),
        c('InstallSucceeded', 'True'),
      ] as object[]),
    ).toEqual({
      status: 'Progressing',
      message: '1: Ready | False\n2: InstallSucceeded | True\n',
    });
    expect(
      eventing([
        c('InstallSucceeded', 'True'),
        null,
        c('Ready', 'True'),
      ] as object[]),
    ).toEqual({ status: 'Healthy', message: 'KnativeEventing is healthy.' });
  });
});

describe('Knative operator KnativeServing', () => {
  const serving = (conditions?: object[]) =>
    knativeServingHealth(
      withConditions(
        'operator.knative.dev/v1beta1',
        'KnativeServing',
        conditions,
      ),
    );
  const allDone = [
    c('DependenciesInstalled', 'True'),
    c('DeploymentsAvailable', 'True'),
    c('InstallSucceeded', 'True'),
    c('Ready', 'True'),
  ];

  it('is registered under its Argo CD folder name', () => {
    expect(
      platformOperatorsHealthChecks['operator.knative.dev/KnativeServing'],
    ).toBe(knativeServingHealth);
  });

  it('waits for conditions', () => {
    expect(serving()).toEqual({
      status: 'Progressing',
      message: 'Waiting for KnativeServing',
    });
  });

  it('is healthy once all four conditions are true', () => {
    expect(serving(allDone)).toEqual({
      status: 'Healthy',
      message: 'KnativeServing is healthy.',
    });
  });

  it('is progressing while deployments are unavailable or anything is undecided', () => {
    expect(serving([...allDone.slice(0, 3), c('Ready', 'Unknown')])).toEqual({
      status: 'Progressing',
      message:
        '1: DependenciesInstalled | True\n2: DeploymentsAvailable | True\n3: InstallSucceeded | True\n4: Ready | Unknown\n',
    });
    expect(serving([c('DeploymentsAvailable', 'False')]).status).toBe(
      'Progressing',
    );
  });

  it('is degraded for a false Ready or a status word it does not know', () => {
    expect(serving([...allDone.slice(0, 3), c('Ready', 'False')]).status).toBe(
      'Degraded',
    );
    expect(serving([...allDone.slice(0, 3), c('Ready', 'odd')])).toEqual({
      status: 'Degraded',
      message:
        '1: DependenciesInstalled | True\n2: DeploymentsAvailable | True\n3: InstallSucceeded | True\n4: Ready | odd\n',
    });
  });
});

describe('OpenShift IngressController', () => {
  const ingress = (conditions?: object[]) =>
    ingressControllerHealth(
      withConditions(
        'operator.openshift.io/v1',
        'IngressController',
        conditions,
      ),
    );

  it('is registered under its Argo CD folder name', () => {
    expect(
      platformOperatorsHealthChecks['operator.openshift.io/IngressController'],
    ).toBe(ingressControllerHealth);
  });

  it('is not known yet until a deciding condition appears', () => {
    const unknownYet = {
      status: 'Progressing',
      message: 'Status of IngressController is not known yet',
    };
    expect(ingress()).toEqual(unknownYet);
    expect(ingress([c('Admitted', 'True'), c('Degraded', 'False')])).toEqual(
      unknownYet,
    );
  });

  it('is degraded when the operator says so', () => {
    expect(
      ingress([c('Degraded', 'True', { message: 'canary checks failing' })]),
    ).toEqual({ status: 'Degraded', message: 'canary checks failing' });
  });

  it('is progressing while replicas roll out or while progressing', () => {
    expect(
      ingress([
        c('DeploymentReplicasAllAvailable', 'False', {
          message: '0/1 of replicas are available',
        }),
        c('Available', 'True'),
      ]),
    ).toEqual({
      status: 'Progressing',
      message: '0/1 of replicas are available',
    });
    expect(
      ingress([
        c('Progressing', 'True', { reason: 'IngressControllerRolling' }),
      ]),
    ).toEqual({ status: 'Progressing', message: 'IngressControllerRolling' });
  });

  it('is healthy when available, the first deciding condition winning', () => {
    expect(ingress([c('Available', 'True'), c('Degraded', 'True')])).toEqual({
      status: 'Healthy',
      message: 'IngressController is available',
    });
  });
});
