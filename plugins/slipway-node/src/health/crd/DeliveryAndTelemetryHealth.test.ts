import {
  canaryHealth,
  deliveryAndTelemetryHealthChecks,
  openTelemetryCollectorHealth,
} from './DeliveryAndTelemetryHealth';
import { kube } from '../testObjects';

describe('Flagger Canary health', () => {
  const canary = (status?: object) =>
    kube('flagger.app/v1beta1', 'Canary', status ? { status } : {});
  const promoted = (message: string) => ({ type: 'Promoted', message });

  it('is Unknown without a status', () => {
    expect(canaryHealth(canary())).toEqual({
      status: 'Unknown',
      message: 'No status',
    });
  });

  it.each([
    ['Failed', 'Degraded'],
    ['Progressing', 'Progressing'],
    ['Finalising', 'Progressing'],
    ['Promoting', 'Progressing'],
    ['Succeeded', 'Healthy'],
    ['Initialized', 'Healthy'],
    ['Waiting', 'Unknown'],
  ])('maps phase %s to %s', (phase, status) => {
    expect(
      canaryHealth(
        canary({ phase, canaryWeight: 0, conditions: [promoted('done')] }),
      ),
    ).toEqual({ status, message: `${phase} --- done` });
  });

  it('shows the traffic weight while it is shifted', () => {
    expect(
      canaryHealth(
        canary({
          phase: 'Progressing',
          canaryWeight: 10,
          conditions: [promoted('analysing'), promoted('second')],
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Progressing --- Canary Weight: 10 % --- analysing --- second',
    });
  });

  it('adds no separator for an empty first message', () => {
    expect(
      canaryHealth(
        canary({
          phase: 'Succeeded',
          canaryWeight: 0,
          conditions: [promoted(''), promoted('b')],
        }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Succeeded --- b' });
  });

  it('fails, as the Lua script does, when a field it joins is missing', () => {
    const unknown = (status: object) => canaryHealth(canary(status))?.status;
    expect(unknown({ phase: 'Succeeded', conditions: [] })).toBe('Unknown');
    expect(unknown({ phase: 'Succeeded', canaryWeight: 0 })).toBe('Unknown');
    expect(unknown({ canaryWeight: 0, conditions: [] })).toBe('Unknown');
    expect(
      unknown({ phase: 'Failed', canaryWeight: 0, conditions: [{}] }),
    ).toBe('Unknown');
  });
});

describe('OpenTelemetryCollector health', () => {
  const collector = (mode?: string, statusReplicas?: unknown, status = true) =>
    kube('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', {
      spec: mode ? { mode } : {},
      ...(status
        ? {
            status:
              statusReplicas === undefined ? {} : { scale: { statusReplicas } },
          }
        : {}),
    });

  it('waits for the operator to report a status', () => {
    expect(
      openTelemetryCollectorHealth(collector('deployment', undefined, false)),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for OpenTelemetry Collector status',
    });
  });

  it('reads the ready/total replica text', () => {
    expect(
      openTelemetryCollectorHealth(collector('deployment', '2/2')),
    ).toEqual({ status: 'Healthy', message: 'All replicas are ready' });
    expect(
      openTelemetryCollectorHealth(collector('deployment', '1/3')),
    ).toEqual({ status: 'Progressing', message: 'Replicas are starting up' });
    expect(
      openTelemetryCollectorHealth(collector('deployment', '0/2')),
    ).toEqual({ status: 'Degraded', message: 'No replicas are ready' });
  });

  it('accepts a DaemonSet with no eligible node, but nothing else at 0/0', () => {
    expect(openTelemetryCollectorHealth(collector('daemonset', '0/0'))).toEqual(
      {
        status: 'Healthy',
        message: 'DaemonSet has no schedulable nodes (0/0)',
      },
    );
    expect(
      openTelemetryCollectorHealth(collector('deployment', '0/0')),
    ).toEqual({ status: 'Degraded', message: 'No replicas are ready' });
  });

  it('is Progressing on replica text it cannot read', () => {
    expect(
      openTelemetryCollectorHealth(collector('deployment', 'n/a')),
    ).toEqual({
      status: 'Progressing',
      message: 'Unable to parse replica status: n/a',
    });
    expect(openTelemetryCollectorHealth(collector('deployment', 3))).toEqual({
      status: 'Progressing',
      message: 'Unable to parse replica status: 3',
    });
  });

  it('needs no scale status in sidecar mode', () => {
    expect(openTelemetryCollectorHealth(collector('sidecar'))).toEqual({
      status: 'Healthy',
      message: 'Collector is running in sidecar mode',
    });
    expect(openTelemetryCollectorHealth(collector('deployment'))).toEqual({
      status: 'Progressing',
      message: 'Scale status not available',
    });
  });

  it('fails, as the Lua script does, without a spec to read the mode from', () => {
    const noSpec = kube('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', {
      status: {},
    });
    expect(openTelemetryCollectorHealth(noSpec)?.status).toBe('Unknown');
  });
});

describe('deliveryAndTelemetryHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(deliveryAndTelemetryHealthChecks).toEqual({
      'flagger.app/Canary': canaryHealth,
      'opentelemetry.io/OpenTelemetryCollector': openTelemetryCollectorHealth,
    });
  });
});
