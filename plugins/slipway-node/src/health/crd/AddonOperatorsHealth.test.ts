import {
  addonOperatorsHealthChecks,
  apigeeDatastoreHealth,
  apigeeTelemetryHealth,
  camelIntegrationHealth,
  globalSopsSecretHealth,
  imageUpdaterHealth,
  sopsProviderHealth,
  sopsSecretHealth,
  verticalPodAutoscalerHealth,
} from './AddonOperatorsHealth';
import { kube } from '../testObjects';

const ready = (status: string, message?: string) => ({
  type: 'Ready',
  status,
  ...(message === undefined ? {} : { message }),
});

describe('Capsule SOPS addon health', () => {
  const sops = (status?: object, generation?: number) =>
    kube(
      'addons.projectcapsule.dev/v1alpha1',
      'SopsSecret',
      status ? { status } : {},
      generation === undefined ? {} : { generation },
    );

  it('waits until the controller writes conditions', () => {
    expect(sopsSecretHealth(sops())).toEqual({
      status: 'Progressing',
      message: 'Waiting for status',
    });
    expect(sopsSecretHealth(sops({ observedGeneration: 1 }))).toEqual({
      status: 'Progressing',
      message: 'Waiting for status',
    });
  });

  it('waits while the controller has not seen the latest spec', () => {
    const obj = sops({ observedGeneration: 1, conditions: [ready('True')] }, 2);
    expect(sopsSecretHealth(obj)).toEqual({
      status: 'Progressing',
      message: 'Waiting for reconciliation (generation mismatch)',
    });
  });

  it('ignores the generations when either is missing', () => {
    const obj = sops({ conditions: [ready('True', 'decrypted')] }, 3);
    expect(sopsSecretHealth(obj)).toEqual({
      status: 'Healthy',
      message: 'decrypted',
    });
  });

  it('maps Ready True, False and Unknown, quoting the condition', () => {
    const at = (status: string) =>
      sopsSecretHealth(
        sops({ observedGeneration: 1, conditions: [ready(status, 'm')] }, 1),
      );
    expect(at('True')).toEqual({ status: 'Healthy', message: 'm' });
    expect(at('False')).toEqual({ status: 'Degraded', message: 'm' });
    expect(at('Unknown')).toEqual({ status: 'Progressing', message: 'm' });
  });

  it('gives no message when the Ready condition has none', () => {
    expect(sopsSecretHealth(sops({ conditions: [ready('True')] }))).toEqual({
      status: 'Healthy',
    });
  });

  it('waits for a Ready condition with a decided status', () => {
    expect(
      sopsSecretHealth(
        sops({
          conditions: [{ type: 'Other', status: 'True' }, ready('')],
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for Ready condition',
    });
  });

  it('treats GlobalSopsSecret and SopsProvider alike', () => {
    const failing = (kind: string) =>
      kube('addons.projectcapsule.dev/v1alpha1', kind, {
        status: { conditions: [ready('False', 'no key')] },
      });
    expect(globalSopsSecretHealth(failing('GlobalSopsSecret'))).toEqual({
      status: 'Degraded',
      message: 'no key',
    });
    expect(sopsProviderHealth(failing('SopsProvider'))).toEqual({
      status: 'Degraded',
      message: 'no key',
    });
  });
});

describe('Argo CD Image Updater ImageUpdater health', () => {
  const updater = (conditions?: object[], observedGeneration = 1) =>
    kube(
      'argocd-image-updater.argoproj.io/v1alpha1',
      'ImageUpdater',
      conditions ? { status: { observedGeneration, conditions } } : {},
      { generation: 1 },
    );
  const cond = (type: string, status: string, message: string) => ({
    type,
    status,
    message,
  });

  it('waits for the first reconcile', () => {
    expect(imageUpdaterHealth(updater())).toEqual({
      status: 'Progressing',
      message: 'Waiting for ImageUpdater to be reconciled',
    });
  });

  it('waits for a spec change to be observed', () => {
    expect(imageUpdaterHealth(updater([], 0))).toEqual({
      status: 'Progressing',
      message: 'Waiting for ImageUpdater spec update to be observed',
    });
  });

  it('puts an Error before a reconcile in flight, and that before Ready', () => {
    const error = cond('Error', 'True', 'pull failed');
    const reconciling = cond('Reconciling', 'True', 'working');
    const isReady = cond('Ready', 'True', 'done');
    expect(imageUpdaterHealth(updater([isReady, reconciling, error]))).toEqual({
      status: 'Degraded',
      message: 'pull failed',
    });
    expect(imageUpdaterHealth(updater([isReady, reconciling]))).toEqual({
      status: 'Progressing',
      message: 'working',
    });
    expect(imageUpdaterHealth(updater([isReady]))).toEqual({
      status: 'Healthy',
      message: 'done',
    });
  });

  it('is Degraded when Ready is False', () => {
    expect(
      imageUpdaterHealth(updater([cond('Ready', 'False', 'no secret')])),
    ).toEqual({ status: 'Degraded', message: 'no secret' });
  });

  it('waits for a Ready condition', () => {
    expect(
      imageUpdaterHealth(updater([cond('Reconciling', 'False', 'idle')])),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for ImageUpdater to report a Ready condition',
    });
  });
});

describe('VerticalPodAutoscaler health', () => {
  const vpa = (conditions?: object[]) =>
    kube(
      'autoscaling.k8s.io/v1',
      'VerticalPodAutoscaler',
      conditions ? { status: { conditions } } : {},
    );
  const noPods = { type: 'NoPodsMatched', status: 'True' };
  const recommended = { type: 'RecommendationProvided', status: 'True' };

  it('is Degraded when no pods match, even with a recommendation', () => {
    expect(
      verticalPodAutoscalerHealth(
        vpa([recommended, { ...noPods, message: 'none', reason: 'R' }]),
      ),
    ).toEqual({ status: 'Degraded', message: 'none' });
    expect(
      verticalPodAutoscalerHealth(vpa([{ ...noPods, reason: 'NoPods' }])),
    ).toEqual({ status: 'Degraded', message: 'NoPods' });
    expect(verticalPodAutoscalerHealth(vpa([noPods]))).toEqual({
      status: 'Degraded',
      message: 'No pods match the VPA selector',
    });
  });

  it('is Healthy once a recommendation is provided', () => {
    expect(verticalPodAutoscalerHealth(vpa([recommended]))).toEqual({
      status: 'Healthy',
      message: 'VPA recommendation provided',
    });
  });

  it('waits for the recommender otherwise', () => {
    for (const obj of [
      vpa(),
      vpa([{ type: 'RecommendationProvided', status: 'False' }]),
    ]) {
      expect(verticalPodAutoscalerHealth(obj)).toEqual({
        status: 'Progressing',
        message: 'Waiting for VPA recommendation',
      });
    }
  });
});

describe('Camel K Integration health', () => {
  const integration = (conditions?: object[]) =>
    kube(
      'camel.apache.org/v1',
      'Integration',
      conditions ? { status: { conditions } } : {},
    );

  it('follows the first decided Ready condition', () => {
    expect(
      camelIntegrationHealth(integration([ready('False', 'back-off')])),
    ).toEqual({ status: 'Degraded', message: 'back-off' });
    expect(camelIntegrationHealth(integration([ready('True')]))).toEqual({
      status: 'Healthy',
    });
  });

  it('waits while the integration is built or deployed', () => {
    expect(
      camelIntegrationHealth(integration([ready('Unknown', 'building')])),
    ).toEqual({ status: 'Progressing', message: 'Waiting for Integration' });
  });
});

describe('Apigee hybrid health', () => {
  const component = (kind: string, state?: string) =>
    kube(
      'apigee.cloud.google.com/v1alpha1',
      kind,
      state ? { status: { state } } : {},
    );

  it('is Healthy once the install is running', () => {
    expect(
      apigeeDatastoreHealth(component('ApigeeDatastore', 'running')),
    ).toEqual({
      status: 'Healthy',
      message: 'Install of Apigee Datastore is done',
    });
  });

  it('is Progressing in any other state', () => {
    expect(
      apigeeTelemetryHealth(component('ApigeeTelemetry', 'creating')),
    ).toEqual({
      status: 'Progressing',
      message:
        'An install plan for an Apigee Telemetry is pending installation',
    });
  });

  it('names each component in its messages', () => {
    for (const name of [
      'Datastore',
      'Deployment',
      'Environment',
      'Organization',
      'Redis',
      'Telemetry',
    ]) {
      const kind = `Apigee${name}`;
      const check =
        addonOperatorsHealthChecks[`apigee.cloud.google.com/${kind}`];
      expect(check(component(kind))?.message).toBe(
        `An install plan for an Apigee ${name} is pending installation`,
      );
    }
  });
});
