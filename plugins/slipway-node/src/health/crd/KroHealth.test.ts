import {
  kroHealthChecks,
  kroInstanceHealth,
  resourceGraphDefinitionHealth,
} from './KroHealth';
import { kube } from '../testObjects';

const condition = (
  type: string,
  status: string,
  observedGeneration?: unknown,
  message?: string,
) => ({
  type,
  status,
  ...(observedGeneration === undefined ? {} : { observedGeneration }),
  ...(message === undefined ? {} : { message }),
});

describe('kro ResourceGraphDefinition health', () => {
  const rgd = (
    status?: Record<string, unknown>,
    metadata: Record<string, unknown> = { generation: 2 },
  ) =>
    kube(
      'kro.run/v1alpha1',
      'ResourceGraphDefinition',
      status ? { status } : {},
      metadata,
    );
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for ResourceGraphDefinition to become ready',
  };

  it('waits until kro reports conditions', () => {
    const noStatus = {
      status: 'Progressing',
      message: 'Waiting for KRO to report status',
    };
    expect(resourceGraphDefinitionHealth(rgd())).toEqual(noStatus);
    expect(resourceGraphDefinitionHealth(rgd({ state: 'Inactive' }))).toEqual(
      noStatus,
    );
  });

  it('is Healthy once Ready for the current generation', () => {
    expect(
      resourceGraphDefinitionHealth(
        rgd({ conditions: [condition('Ready', 'True', 2)] }),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'ResourceGraphDefinition is active and serving instances',
    });
  });

  it('is Degraded by a false lifecycle condition, first one first', () => {
    expect(
      resourceGraphDefinitionHealth(
        rgd({
          conditions: [
            condition('GraphAccepted', 'False', 2, 'graph was rejected'),
            condition('Ready', 'True', 2),
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'graph was rejected' });
    expect(
      resourceGraphDefinitionHealth(
        rgd({ conditions: [condition('KindReady', 'False', 2)] }),
      ),
    ).toEqual({ status: 'Degraded', message: 'KindReady is False' });
  });

  it('ignores conditions of other generations, or without one', () => {
    expect(
      resourceGraphDefinitionHealth(
        rgd({ conditions: [condition('Ready', 'True', 1)] }),
      ),
    ).toEqual(waiting);
    expect(
      resourceGraphDefinitionHealth(
        rgd({ conditions: [condition('Ready', 'True', 2)] }, {}),
      ),
    ).toEqual(waiting);
    expect(
      resourceGraphDefinitionHealth(
        rgd({ conditions: [condition('Ready', 'True', '2')] }),
      ),
    ).toEqual(waiting);
    expect(
      resourceGraphDefinitionHealth(
        rgd({ conditions: [condition('Other', 'False', 2, 'x')] }),
      ),
    ).toEqual(waiting);
  });
});

describe('kro instance health', () => {
  const instance = (state: string | undefined, conditions: object[]) =>
    kube(
      'kro.run/v1alpha1',
      'WebApp',
      { status: { ...(state ? { state } : {}), conditions } },
      { generation: 3 },
    );
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for instance to become ready',
  };

  it('waits until kro reports conditions', () => {
    expect(kroInstanceHealth(kube('kro.run/v1alpha1', 'WebApp'))).toEqual({
      status: 'Progressing',
      message: 'Waiting for KRO to report status',
    });
  });

  it('is Healthy once Ready for the current generation', () => {
    expect(
      kroInstanceHealth(instance('ACTIVE', [condition('Ready', 'True', 3)])),
    ).toEqual({ status: 'Healthy', message: 'Instance is active and running' });
  });

  it('judges a false condition by the instance state', () => {
    expect(
      kroInstanceHealth(
        instance('FAILED', [condition('ResourcesReady', 'False', 3, 'boom')]),
      ),
    ).toEqual({ status: 'Degraded', message: 'boom' });
    expect(
      kroInstanceHealth(
        instance('ERROR', [condition('GraphResolved', 'False', 3)]),
      ),
    ).toEqual({ status: 'Degraded', message: 'GraphResolved is False' });
    expect(
      kroInstanceHealth(
        instance('IN_PROGRESS', [condition('InstanceManaged', 'False', 3)]),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'InstanceManaged is in progress',
    });
  });

  it('waits when a false condition is stale or the state says nothing', () => {
    expect(
      kroInstanceHealth(instance('FAILED', [condition('Ready', 'False', 2)])),
    ).toEqual(waiting);
    expect(
      kroInstanceHealth(instance('ACTIVE', [condition('Ready', 'False', 3)])),
    ).toEqual(waiting);
    expect(
      kroInstanceHealth(instance('FAILED', [condition('Custom', 'False', 3)])),
    ).toEqual(waiting);
  });

  it('serves graph definitions by name and every other kro kind by wildcard', () => {
    expect(kroHealthChecks).toEqual({
      'kro.run/ResourceGraphDefinition': resourceGraphDefinitionHealth,
      'kro.run/_': kroInstanceHealth,
    });
  });
});
