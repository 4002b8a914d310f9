import { groupOf, KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { HealthScriptIndex } from '../lua/scriptIndex';
import {
  analysisRunHealth,
  experimentHealth,
  rolloutHealth,
} from './ArgoRolloutsHealth';
import {
  applicationSetHealth,
  cronWorkflowHealth,
  eventBusHealth,
} from './ArgoHealth';
import {
  certificateHealth,
  clusterIssuerHealth,
  issuerHealth,
} from './CertManagerHealth';
import { sealedSecretHealth } from './SealedSecretHealth';
import {
  clusterExternalSecretHealth,
  clusterSecretStoreHealth,
  externalSecretHealth,
  pushSecretHealth,
  secretStoreHealth,
} from './ExternalSecretsHealth';
import {
  fluxSourceHealth,
  helmReleaseHealth,
  helmRepositoryHealth,
  imagePolicyHealth,
  imageRepositoryHealth,
  imageUpdateAutomationHealth,
  kustomizationHealth,
  receiverHealth,
} from './FluxHealth';
import { strimziHealthChecks } from './StrimziHealth';
import { postgresOperatorsHealthChecks } from './PostgresOperatorsHealth';
import { elasticHealthChecks } from './ElasticHealth';
import { dataServicesHealthChecks } from './DataServicesHealth';
import { kubernetesExtrasHealthChecks } from './KubernetesExtrasHealth';
import { kedaHealthChecks } from './KedaHealth';
import { prometheusOperatorHealthChecks } from './PrometheusOperatorHealth';
import { openShiftHealthChecks } from './OpenShiftHealth';
import { clusterApiHealthChecks } from './ClusterApiHealth';
import { crossplaneHealthChecks } from './CrossplaneHealth';
import { cloudControllersHealthChecks } from './CloudControllersHealth';
import { knativeHealthChecks } from './KnativeHealth';
import { kserveHealthChecks } from './KServeHealth';
import { policyEnginesHealthChecks } from './PolicyEnginesHealth';
import { numaflowHealthChecks } from './NumaflowHealth';
import { gitopsPromoterHealthChecks } from './GitOpsPromoterPromotionHealth';
import { certManagerAcmeHealthChecks } from './CertManagerAcmeHealth';
import { kubeVirtHealthChecks } from './KubeVirtHealth';
import { databasesMoreHealthChecks } from './DatabasesMoreHealth';
import { gatewayApiHealthChecks } from './GatewayApiHealth';
import { deliveryAndTelemetryHealthChecks } from './DeliveryAndTelemetryHealth';
import { rookCephHealthChecks } from './RookCephHealth';
import { openKruiseHealthChecks } from './OpenKruiseHealth';
import { rabbitMqTopologyHealthChecks } from './RabbitMqTopologyHealth';
import { platformServicesHealthChecks } from './PlatformServicesHealth';
import { veleroHealthChecks } from './VeleroHealth';
import { storageHealthChecks } from './StorageHealth';
import { karmadaHealthChecks } from './KarmadaHealth';
import { tektonHealthChecks } from './TektonHealth';
import { appOperatorsHealthChecks } from './AppOperatorsHealth';
import { natsJetStreamHealthChecks } from './NatsJetStreamHealth';
import { addonOperatorsHealthChecks } from './AddonOperatorsHealth';
import { threeScaleHealthChecks } from './ThreeScaleHealth';
import { astraHealthChecks } from './AstraHealth';
import { grafanaHealthChecks } from './GrafanaHealth';
import { flinkHealthChecks } from './FlinkHealth';
import { glooHealthChecks } from './GlooHealth';
import { humioHealthChecks } from './HumioHealth';
import { atlasHealthChecks } from './AtlasHealth';
import { istioOperatorHealthChecks } from './IstioOperatorHealth';
import { cassandraHealthChecks } from './CassandraHealth';
import { numaplaneHealthChecks } from './NumaplaneHealth';
import { confluentHealthChecks } from './ConfluentHealth';
import { progressiveDeliveryHealthChecks } from './ProgressiveDeliveryHealth';
import { sparkHealthChecks } from './SparkHealth';
import { platformOperatorsHealthChecks } from './PlatformOperatorsHealth';
import { secretProvidersHealthChecks } from './SecretProvidersHealth';
import { objectBucketHealthChecks } from './ObjectBucketHealth';
import { karpenterHealthChecks } from './KarpenterHealth';
import { envoyGatewayHealthChecks } from './EnvoyGatewayHealth';
import { kroHealthChecks } from './KroHealth';
import { clusterOperatorsHealthChecks } from './ClusterOperatorsHealth';
import { dataOperatorsHealthChecks } from './DataOperatorsHealth';
import { keptnHealthChecks } from './KeptnHealth';
import { cronJobHealth } from './CronJobHealth';

const CRD: Record<string, HealthCheck> = {
  // Argo CD checks CronJobs with a bundled script, not in Go.
  'batch/CronJob': cronJobHealth,
  'argoproj.io/Rollout': rolloutHealth,
  'argoproj.io/AnalysisRun': analysisRunHealth,
  'argoproj.io/Experiment': experimentHealth,
  'argoproj.io/ApplicationSet': applicationSetHealth,
  'argoproj.io/CronWorkflow': cronWorkflowHealth,
  'argoproj.io/EventBus': eventBusHealth,
  'cert-manager.io/Certificate': certificateHealth,
  'cert-manager.io/Issuer': issuerHealth,
  'cert-manager.io/ClusterIssuer': clusterIssuerHealth,
  'bitnami.com/SealedSecret': sealedSecretHealth,
  'external-secrets.io/ExternalSecret': externalSecretHealth,
  'external-secrets.io/ClusterExternalSecret': clusterExternalSecretHealth,
  'external-secrets.io/SecretStore': secretStoreHealth,
  'external-secrets.io/ClusterSecretStore': clusterSecretStoreHealth,
  'external-secrets.io/PushSecret': pushSecretHealth,
  'helm.toolkit.fluxcd.io/HelmRelease': helmReleaseHealth,
  'kustomize.toolkit.fluxcd.io/Kustomization': kustomizationHealth,
  'source.toolkit.fluxcd.io/GitRepository': fluxSourceHealth,
  'source.toolkit.fluxcd.io/HelmChart': fluxSourceHealth,
  'source.toolkit.fluxcd.io/Bucket': fluxSourceHealth,
  'source.toolkit.fluxcd.io/OCIRepository': fluxSourceHealth,
  'source.toolkit.fluxcd.io/HelmRepository': helmRepositoryHealth,
  'image.toolkit.fluxcd.io/ImagePolicy': imagePolicyHealth,
  'image.toolkit.fluxcd.io/ImageRepository': imageRepositoryHealth,
  'image.toolkit.fluxcd.io/ImageUpdateAutomation': imageUpdateAutomationHealth,
  'notification.toolkit.fluxcd.io/Receiver': receiverHealth,
  ...strimziHealthChecks,
  ...postgresOperatorsHealthChecks,
  ...elasticHealthChecks,
  ...dataServicesHealthChecks,
  ...kubernetesExtrasHealthChecks,
  ...kedaHealthChecks,
  ...prometheusOperatorHealthChecks,
  ...openShiftHealthChecks,
  ...clusterApiHealthChecks,
  ...crossplaneHealthChecks,
  ...cloudControllersHealthChecks,
  ...knativeHealthChecks,
  ...kserveHealthChecks,
  ...policyEnginesHealthChecks,
  ...numaflowHealthChecks,
  ...gitopsPromoterHealthChecks,
  ...certManagerAcmeHealthChecks,
  ...kubeVirtHealthChecks,
  ...databasesMoreHealthChecks,
  ...gatewayApiHealthChecks,
  ...deliveryAndTelemetryHealthChecks,
  ...rookCephHealthChecks,
  ...openKruiseHealthChecks,
  ...rabbitMqTopologyHealthChecks,
  ...platformServicesHealthChecks,
  ...veleroHealthChecks,
  ...storageHealthChecks,
  ...karmadaHealthChecks,
  ...tektonHealthChecks,
  ...appOperatorsHealthChecks,
  ...natsJetStreamHealthChecks,
  ...addonOperatorsHealthChecks,
  ...threeScaleHealthChecks,
  ...astraHealthChecks,
  ...grafanaHealthChecks,
  ...flinkHealthChecks,
  ...glooHealthChecks,
  ...humioHealthChecks,
  ...atlasHealthChecks,
  ...istioOperatorHealthChecks,
  ...cassandraHealthChecks,
  ...numaplaneHealthChecks,
  ...confluentHealthChecks,
  ...progressiveDeliveryHealthChecks,
  ...sparkHealthChecks,
  ...platformOperatorsHealthChecks,
  ...secretProvidersHealthChecks,
  ...objectBucketHealthChecks,
  ...karpenterHealthChecks,
  ...envoyGatewayHealthChecks,
  ...kroHealthChecks,
  ...clusterOperatorsHealthChecks,
  ...dataOperatorsHealthChecks,
  ...keptnHealthChecks,
};

const index = new HealthScriptIndex(
  Object.keys(CRD).map(id => {
    const slash = id.indexOf('/');
    return { group: id.slice(0, slash), kind: id.slice(slash + 1) };
  }),
  // Argo CD's rule among its bundled wildcard folders.
  { wildcardOrder: 'sorted' },
);

/**
 * Slipway's port of Argo CD's bundled health script for a group and kind
 * (popular custom resources, and CronJobs), or undefined.
 * Keys are written as Argo CD's resource_customizations folders are named,
 * `_` standing for any run of characters (`_.crossplane.io/_`).
 * @public
 */
export function getCrdHealthCheck(
  group: string,
  kind: string,
): HealthCheck | undefined {
  const key = index.find(group, kind);
  return key && CRD[`${key.group}/${key.kind}`];
}

/** The kinds (`group/kind`, `_` as a wildcard) that have a Slipway CRD check. @public */
export function crdHealthKinds(): string[] {
  return Object.keys(CRD);
}

/** The health of a popular custom resource, or undefined when Slipway has no check for it. @public */
export function crdHealth(obj: KubeObject): ResourceHealth | undefined {
  return getCrdHealthCheck(groupOf(obj.apiVersion), obj.kind)?.(obj);
}
