import {
  kedaHealthChecks,
  scaledJobHealth,
  scaledObjectHealth,
} from './KedaHealth';
import { kube } from '../testObjects';

const keda = (kind: string, conditions?: object[]) =>
  kube('keda.sh/v1alpha1', kind, {
    status: conditions ? { conditions } : undefined,
  });

const ready = { type: 'Ready', status: 'True', message: 'ready for scaling' };
const paused = { type: 'Paused', status: 'True', message: 'is paused' };

describe('KEDA ScaledObject health', () => {
  const so = (conditions?: object[]) => keda('ScaledObject', conditions);

  it('is Progressing until the HPA is created', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Creating HorizontalPodAutoscaler Object',
    };
    expect(scaledObjectHealth(so())).toEqual(waiting);
    expect(
      scaledObjectHealth(
        so([{ type: 'Running', status: 'True', message: 'x' }]),
      ),
    ).toEqual(waiting);
  });

  it('is Progressing when paused but not yet Ready', () => {
    expect(scaledObjectHealth(so([paused]))).toEqual({
      status: 'Progressing',
      message: 'Creating HorizontalPodAutoscaler Object',
    });
  });

  it('is Healthy when Ready', () => {
    expect(
      scaledObjectHealth(
        so([ready, { type: 'Fallback', status: 'False', message: 'none' }]),
      ),
    ).toEqual({ status: 'Healthy', message: 'ready for scaling' });
  });

  it('is Suspended when Ready and Paused, quoting the later condition', () => {
    expect(scaledObjectHealth(so([ready, paused]))).toEqual({
      status: 'Suspended',
      message: 'is paused',
    });
    expect(scaledObjectHealth(so([paused, ready]))).toEqual({
      status: 'Suspended',
      message: 'ready for scaling',
    });
  });

  it('is Degraded when not Ready', () => {
    expect(
      scaledObjectHealth(
        so([{ type: 'Ready', status: 'False', message: 'bad triggers' }]),
      ),
    ).toEqual({ status: 'Degraded', message: 'bad triggers' });
  });

  it('is Degraded while a trigger falls back, even when Ready', () => {
    expect(
      scaledObjectHealth(
        so([ready, { type: 'Fallback', status: 'True', message: 'fallback' }]),
      ),
    ).toEqual({ status: 'Degraded', message: 'fallback' });
  });

  it('has no message when the deciding condition has none', () => {
    expect(scaledObjectHealth(so([{ type: 'Ready', status: 'True' }]))).toEqual(
      { status: 'Healthy' },
    );
  });
});

describe('KEDA ScaledJob health', () => {
  const sj = (conditions?: object[]) => keda('ScaledJob', conditions);

  it('is Progressing until Ready is reported', () => {
    expect(scaledJobHealth(sj())).toEqual({
      status: 'Progressing',
      message: 'Waiting for ScaledJob',
    });
  });

  it('is Healthy when Ready, Suspended when also Paused', () => {
    expect(scaledJobHealth(sj([ready]))).toEqual({
      status: 'Healthy',
      message: 'ready for scaling',
    });
    expect(scaledJobHealth(sj([ready, paused])).status).toBe('Suspended');
  });

  it('is Degraded when Ready is False or Unknown', () => {
    expect(
      scaledJobHealth(
        sj([{ type: 'Ready', status: 'False', message: 'triggers fail' }]),
      ),
    ).toEqual({ status: 'Degraded', message: 'triggers fail' });
    expect(
      scaledJobHealth(
        sj([{ type: 'Ready', status: 'Unknown', message: 'some fail' }]),
      ),
    ).toEqual({ status: 'Degraded', message: 'some fail' });
  });

  it('ignores Fallback, which only ScaledObjects act on', () => {
    expect(
      scaledJobHealth(
        sj([ready, { type: 'Fallback', status: 'True', message: 'x' }]),
      ).status,
    ).toBe('Healthy');
  });
});

describe('kedaHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(kedaHealthChecks).toEqual({
      'keda.sh/ScaledObject': scaledObjectHealth,
      'keda.sh/ScaledJob': scaledJobHealth,
    });
  });
});
