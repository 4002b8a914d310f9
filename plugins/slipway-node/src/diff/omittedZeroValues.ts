import { groupOf, type KubeObject } from '@slipway/plugin-slipway-common';
import { isObject, JsonObject } from './objects';

/*
 * Argo CD decodes objects of Kubernetes' own kinds into their Go types
 * before comparing them (gitops-engine's remarshal), so a field declared
 * `omitempty` that holds its zero value (`readOnly: false`, `value: ""`,
 * `initialDelaySeconds: 0`, `args: []`) disappears from Git's object, as it
 * does from the object the API server returns. Without that, such a field in
 * Git would differ from the cluster for ever. The shapes below list those
 * fields for the kinds charts write most; pointer fields (`replicas`,
 * `automountServiceAccountToken`, `runAsNonRoot`, ...) keep a zero value in
 * Go too and are not listed.
 */

/** Where zero values are dropped: fields of an object, and shapes below it. */
interface Shape {
  /** Fields dropped when they hold false, 0, "", [] or {}. */
  omit?: readonly string[];
  /** Object fields, by name. */
  fields?: Readonly<Record<string, Shape>>;
  /** List fields, by name: the shape of each item. */
  items?: Readonly<Record<string, Shape>>;
}

const METADATA: Shape = {
  omit: [
    'labels',
    'annotations',
    'generateName',
    'finalizers',
    'ownerReferences',
  ],
};

const HANDLER: Shape = {
  fields: {
    httpGet: { omit: ['path', 'host', 'scheme', 'httpHeaders'] },
    exec: { omit: ['command'] },
    tcpSocket: { omit: ['host'] },
  },
};

const PROBE: Shape = {
  ...HANDLER,
  omit: [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ],
};

const CONTAINER: Shape = {
  omit: [
    'image',
    'command',
    'args',
    'workingDir',
    'ports',
    'envFrom',
    'env',
    'volumeMounts',
    'volumeDevices',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'imagePullPolicy',
    'stdin',
    'stdinOnce',
    'tty',
    'resizePolicy',
  ],
  fields: {
    resources: { omit: ['limits', 'requests', 'claims'] },
    livenessProbe: PROBE,
    readinessProbe: PROBE,
    startupProbe: PROBE,
    lifecycle: { fields: { postStart: HANDLER, preStop: HANDLER } },
  },
  items: {
    ports: { omit: ['name', 'hostPort', 'protocol', 'hostIP'] },
    env: { omit: ['value'] },
    envFrom: { omit: ['prefix'] },
    volumeMounts: { omit: ['readOnly', 'subPath', 'subPathExpr'] },
  },
};

const VOLUME: Shape = {
  fields: {
    configMap: { omit: ['name', 'items'] },
    secret: { omit: ['secretName', 'items'] },
    emptyDir: { omit: ['medium'] },
    persistentVolumeClaim: { omit: ['readOnly'] },
    projected: { omit: ['sources'] },
    downwardAPI: { omit: ['items'] },
    nfs: { omit: ['readOnly'] },
    csi: { omit: ['volumeAttributes'] },
  },
};

const POD_SPEC: Shape = {
  omit: [
    'volumes',
    'initContainers',
    'ephemeralContainers',
    'restartPolicy',
    'dnsPolicy',
    'nodeSelector',
    'serviceAccountName',
    'serviceAccount',
    'nodeName',
    'hostNetwork',
    'hostPID',
    'hostIPC',
    'imagePullSecrets',
    'hostname',
    'subdomain',
    'schedulerName',
    'tolerations',
    'hostAliases',
    'priorityClassName',
    'readinessGates',
    'overhead',
    'topologySpreadConstraints',
    'schedulingGates',
    'resourceClaims',
  ],
  fields: { securityContext: { omit: ['supplementalGroups', 'sysctls'] } },
  items: {
    containers: CONTAINER,
    initContainers: CONTAINER,
    volumes: VOLUME,
    tolerations: { omit: ['key', 'operator', 'value', 'effect'] },
    imagePullSecrets: { omit: ['name'] },
  },
};

const POD_TEMPLATE: Shape = { fields: { metadata: METADATA, spec: POD_SPEC } };

const withMetadata = (shape: Shape): Shape => ({
  ...shape,
  fields: { metadata: METADATA, ...shape.fields },
});

/** Shapes by `group/Kind` (the core group empty). */
const KINDS: Readonly<Record<string, Shape>> = {
  '/Pod': withMetadata({ fields: { spec: POD_SPEC } }),
  '/PodTemplate': withMetadata({ fields: { template: POD_TEMPLATE } }),
  '/ReplicationController': withMetadata({
    fields: {
      spec: {
        omit: ['minReadySeconds', 'selector'],
        fields: { template: POD_TEMPLATE },
      },
    },
  }),
  '/Service': withMetadata({
    fields: {
      spec: {
        omit: [
          'ports',
          'selector',
          'clusterIP',
          'type',
          'externalIPs',
          'sessionAffinity',
          'loadBalancerIP',
          'loadBalancerSourceRanges',
          'externalName',
          'externalTrafficPolicy',
          'healthCheckNodePort',
          'publishNotReadyAddresses',
        ],
        items: { ports: { omit: ['name', 'protocol', 'nodePort'] } },
      },
    },
  }),
  '/ConfigMap': withMetadata({ omit: ['data', 'binaryData'] }),
  '/Secret': withMetadata({ omit: ['data', 'type'] }),
  '/ServiceAccount': withMetadata({ omit: ['secrets', 'imagePullSecrets'] }),
  'apps/Deployment': withMetadata({
    fields: {
      spec: {
        omit: ['minReadySeconds', 'paused'],
        fields: { template: POD_TEMPLATE, strategy: { omit: ['type'] } },
      },
    },
  }),
  'apps/StatefulSet': withMetadata({
    fields: {
      spec: {
        omit: [
          'volumeClaimTemplates',
          'podManagementPolicy',
          'minReadySeconds',
        ],
        fields: { template: POD_TEMPLATE, updateStrategy: { omit: ['type'] } },
      },
    },
  }),
  'apps/DaemonSet': withMetadata({
    fields: {
      spec: {
        omit: ['minReadySeconds'],
        fields: { template: POD_TEMPLATE, updateStrategy: { omit: ['type'] } },
      },
    },
  }),
  'apps/ReplicaSet': withMetadata({
    fields: {
      spec: { omit: ['minReadySeconds'], fields: { template: POD_TEMPLATE } },
    },
  }),
  'batch/Job': withMetadata({
    fields: { spec: { fields: { template: POD_TEMPLATE } } },
  }),
  'batch/CronJob': withMetadata({
    fields: {
      spec: {
        omit: ['concurrencyPolicy'],
        fields: {
          jobTemplate: {
            fields: {
              metadata: METADATA,
              spec: { fields: { template: POD_TEMPLATE } },
            },
          },
        },
      },
    },
  }),
  'networking.k8s.io/Ingress': withMetadata({
    fields: {
      spec: {
        omit: ['rules', 'tls'],
        items: {
          rules: {
            omit: ['host'],
            fields: { http: { items: { paths: { omit: ['path'] } } } },
          },
          tls: { omit: ['hosts', 'secretName'] },
        },
      },
    },
  }),
};

function isZero(value: unknown): boolean {
  if (value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

function dropZeros(obj: JsonObject, shape: Shape): void {
  for (const [field, inner] of Object.entries(shape.fields ?? {})) {
    const value = obj[field];
    if (isObject(value)) dropZeros(value, inner);
  }
  for (const [field, inner] of Object.entries(shape.items ?? {})) {
    const value = obj[field];
    if (Array.isArray(value)) {
      for (const item of value) if (isObject(item)) dropZeros(item, inner);
    }
  }
  for (const field of shape.omit ?? []) {
    if (field in obj && isZero(obj[field])) delete obj[field];
  }
}

/**
 * Drops, in place, the zero values of `omitempty` fields of a Kubernetes
 * kind's own object, as decoding it into its Go type does; objects of other
 * kinds are left as they are.
 */
export function dropOmittedZeroValues(obj: KubeObject): void {
  const shape = KINDS[`${groupOf(String(obj.apiVersion ?? ''))}/${obj.kind}`];
  if (shape) dropZeros(obj as unknown as JsonObject, shape);
}
