import {
  alertmanagerHealth,
  prometheusHealth,
  prometheusOperatorHealthChecks,
  thanosRulerHealth,
} from './PrometheusOperatorHealth';
import { kube } from '../testObjects';

const workload = (kind: string, conditions?: object[]) =>
  kube('monitoring.coreos.com/v1', kind, {
    status: conditions ? { conditions } : undefined,
  });

describe('Prometheus Operator workload health', () => {
  const prom = (conditions?: object[]) => workload('Prometheus', conditions);

  it('is Progressing until the operator reports', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for initialization',
    };
    expect(prometheusHealth(prom())).toEqual(waiting);
    expect(
      prometheusHealth(prom([{ type: 'Reconciled', status: 'True' }])),
    ).toEqual(waiting);
  });

  it('is Healthy when Available', () => {
    expect(
      prometheusHealth(prom([{ type: 'Available', status: 'True' }])),
    ).toEqual({ status: 'Healthy', message: 'All instances are available' });
  });

  it('is Progressing while some pods are not ready, quoting the reason', () => {
    expect(
      prometheusHealth(
        prom([
          { type: 'Available', status: 'Degraded', reason: 'SomePodsNotReady' },
        ]),
      ),
    ).toEqual({ status: 'Progressing', message: 'SomePodsNotReady' });
  });

  it('is Degraded for any other reason, quoting the message first', () => {
    expect(
      prometheusHealth(
        prom([
          {
            type: 'Available',
            status: 'False',
            reason: 'NoPodReady',
            message: 'unschedulable',
          },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'unschedulable' });
  });

  it('keeps an empty message, and has none when neither is given', () => {
    expect(
      prometheusHealth(
        prom([
          { type: 'Available', status: 'False', reason: 'X', message: '' },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: '' });
    expect(
      prometheusHealth(prom([{ type: 'Available', status: 'False' }])),
    ).toEqual({ status: 'Degraded' });
  });

  it('lets the last Available condition decide', () => {
    expect(
      prometheusHealth(
        prom([
          { type: 'Available', status: 'False', reason: 'NoPodReady' },
          { type: 'Available', status: 'True' },
        ]),
      ).status,
    ).toBe('Healthy');
  });

  it('reads Alertmanager and ThanosRuler the same way', () => {
    const available = [{ type: 'Available', status: 'True' }];
    expect(alertmanagerHealth(workload('Alertmanager', available)).status).toBe(
      'Healthy',
    );
    expect(thanosRulerHealth(workload('ThanosRuler', available)).status).toBe(
      'Healthy',
    );
  });
});

describe('prometheusOperatorHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(Object.keys(prometheusOperatorHealthChecks).sort()).toEqual([
      'monitoring.coreos.com/Alertmanager',
      'monitoring.coreos.com/Prometheus',
      'monitoring.coreos.com/ThanosRuler',
    ]);
  });
});
