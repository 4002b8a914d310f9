import {
  objectBucketClaimHealth,
  objectBucketHealthChecks,
} from './ObjectBucketHealth';
import { kube } from '../testObjects';

describe('ObjectBucketClaim', () => {
  const claim = (status?: object) =>
    objectBucketClaimHealth(
      kube('objectbucket.io/v1alpha1', 'ObjectBucketClaim', { status }),
    );

  it('is registered under its Argo CD folder name', () => {
    expect(objectBucketHealthChecks['objectbucket.io/ObjectBucketClaim']).toBe(
      objectBucketClaimHealth,
    );
  });

  it('waits for a status, then for a phase', () => {
    expect(claim()).toEqual({
      status: 'Progressing',
      message: 'Waiting for status to be reported',
    });
    expect(claim({})).toEqual({
      status: 'Progressing',
      message: 'Waiting for phase to be reported',
    });
  });

  it('names the phase: Bound is healthy, Failed degraded, others progressing', () => {
    expect(claim({ phase: 'Bound' })).toEqual({
      status: 'Healthy',
      message: 'Object bucket claim phase is Bound',
    });
    expect(claim({ phase: 'Failed' })).toEqual({
      status: 'Degraded',
      message: 'Object bucket claim phase is Failed',
    });
    expect(claim({ phase: 'Pending' })).toEqual({
      status: 'Progressing',
      message: 'Object bucket claim phase is Pending',
    });
  });

  it('is unknown for a phase Lua cannot join into the message', () => {
    expect(claim({ phase: { odd: true } }).status).toBe('Unknown');
  });
});
