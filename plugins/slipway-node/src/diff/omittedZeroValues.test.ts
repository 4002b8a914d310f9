import type { KubeObject } from '@slipway/plugin-slipway-common';
import { dropOmittedZeroValues } from './omittedZeroValues';
import { diffResource } from './diffResource';

const deployment = (
  podSpec: Record<string, unknown>,
  spec: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: {} },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: podSpec },
    ...spec,
  },
});

describe('dropOmittedZeroValues', () => {
  it("drops the zero values of a workload's omitempty fields, as decoding into Kubernetes' Go types does", () => {
    const obj = deployment(
      {
        hostNetwork: false,
        serviceAccountName: '',
        imagePullSecrets: [],
        containers: [
          {
            name: 'web',
            image: 'web:1',
            args: [],
            stdin: false,
            env: [{ name: 'EMPTY', value: '' }],
            ports: [{ containerPort: 80, hostPort: 0, name: '' }],
            volumeMounts: [
              { name: 'cfg', mountPath: '/cfg', readOnly: false, subPath: '' },
            ],
            readinessProbe: {
              httpGet: { path: '/', port: 80 },
              initialDelaySeconds: 0,
              periodSeconds: 10,
            },
          },
        ],
      },
      { minReadySeconds: 0, paused: false },
    );
    dropOmittedZeroValues(obj);
    expect(obj).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'web:1',
                env: [{ name: 'EMPTY' }],
                ports: [{ containerPort: 80 }],
                volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }],
                readinessProbe: {
                  httpGet: { path: '/', port: 80 },
                  periodSeconds: 10,
                },
              },
            ],
          },
        },
      },
    });
  });

  it('keeps zero values of pointer fields, which Go keeps too, and of kinds it does not know', () => {
    const obj = deployment(
      { automountServiceAccountToken: false, containers: [] },
      { replicas: 0 },
    );
    dropOmittedZeroValues(obj);
    expect(obj.spec).toMatchObject({
      replicas: 0,
      template: { spec: { automountServiceAccountToken: false } },
    });

    const custom = {
      apiVersion: 'example.com/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { paused: false },
    };
    dropOmittedZeroValues(custom);
    expect(custom.spec).toEqual({ paused: false });
  });

  it('reaches pod templates of CronJobs and the fields of Services and ConfigMaps', () => {
    const cronJob: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: {
        schedule: '* * * * *',
        concurrencyPolicy: '',
        jobTemplate: {
          spec: {
            template: {
              spec: { hostPID: false, containers: [{ name: 'c', tty: false }] },
            },
          },
        },
      },
    };
    dropOmittedZeroValues(cronJob);
    expect(cronJob.spec).toEqual({
      schedule: '* * * * *',
      jobTemplate: {
        spec: { template: { spec: { containers: [{ name: 'c' }] } } },
      },
    });
    const service: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: {
        clusterIP: '',
        ports: [{ port: 80, nodePort: 0, name: '' }],
        publishNotReadyAddresses: false,
      },
    };
    dropOmittedZeroValues(service);
    expect(service.spec).toEqual({ ports: [{ port: 80 }] });
    const configMap: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: {},
    };
    dropOmittedZeroValues(configMap);
    expect(configMap).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
    });
  });

  it('keeps a chart that writes zero values in sync with the object the API server returns', () => {
    const desired = deployment({
      hostNetwork: false,
      containers: [
        {
          name: 'web',
          image: 'web:1',
          volumeMounts: [{ name: 'cfg', mountPath: '/cfg', readOnly: false }],
        },
      ],
    });
    const live = deployment({
      containers: [
        {
          name: 'web',
          image: 'web:1',
          volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }],
        },
      ],
    });
    expect(diffResource(desired, live).modified).toBe(false);
    expect(
      diffResource(desired, live, { structuredMergeDiff: true }).modified,
    ).toBe(false);
  });
});
