import {
  ec2NodeClassHealth,
  karpenterHealthChecks,
  legacyEc2NodeClassHealth,
  nodeClaimHealth,
  nodePoolHealth,
} from './KarpenterHealth';
import { kube } from '../testObjects';

const condition = (type: string, status: string, message?: string) => ({
  type,
  status,
  ...(message === undefined ? {} : { message }),
});

const withConditions = (
  apiVersion: string,
  kind: string,
  conditions?: object[],
  metadata: Record<string, unknown> = {},
  status: Record<string, unknown> = {},
) =>
  kube(
    apiVersion,
    kind,
    conditions ? { status: { ...status, conditions } } : {},
    metadata,
  );

describe('Karpenter NodePool health', () => {
  const pool = (conditions?: object[]) =>
    withConditions('karpenter.sh/v1', 'NodePool', conditions);

  it('waits until the controller reports Ready', () => {
    expect(nodePoolHealth(pool())).toEqual({
      status: 'Progressing',
      message: 'Waiting for NodePool to be ready',
    });
  });

  it('follows a settled Ready condition, with its message', () => {
    expect(
      nodePoolHealth(pool([condition('Ready', 'True', 'NodePool is ready')])),
    ).toEqual({ status: 'Healthy', message: 'NodePool is ready' });
    expect(
      nodePoolHealth(
        pool([
          condition('Ready', 'Unknown'),
          condition('Ready', 'False', 'not ready'),
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'not ready' });
  });

  it('is Degraded by a failing node class while Ready is unsettled', () => {
    expect(
      nodePoolHealth(
        pool([
          condition('Ready', 'Unknown'),
          condition('NodeClassReady', 'False', 'class missing'),
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'class missing' });
    // A settled Ready condition still wins.
    expect(
      nodePoolHealth(
        pool([
          condition('NodeClassReady', 'False', 'class missing'),
          condition('Ready', 'True'),
        ]),
      ),
    ).toEqual({ status: 'Healthy' });
  });
});

describe('Karpenter NodeClaim health', () => {
  const claim = (
    conditions?: object[],
    generation?: number,
    observedGeneration?: unknown,
  ) =>
    withConditions(
      'karpenter.sh/v1',
      'NodeClaim',
      conditions,
      generation === undefined ? {} : { generation },
      observedGeneration === undefined ? {} : { observedGeneration },
    );

  it('waits for the controller to observe a changed spec', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for NodeClaim spec to be reconciled',
    };
    expect(nodeClaimHealth(claim([condition('Ready', 'True')], 2, 1))).toEqual(
      waiting,
    );
    // A generation written as text never equals the numeric one.
    expect(
      nodeClaimHealth(claim([condition('Ready', 'True')], 2, '2')),
    ).toEqual(waiting);
    expect(nodeClaimHealth(claim([condition('Ready', 'True')], 2, 2))).toEqual({
      status: 'Healthy',
    });
  });

  it('is Suspended while the node is being disrupted', () => {
    expect(
      nodeClaimHealth(
        claim([
          condition('Ready', 'True', ''),
          condition('Disrupting', 'True', 'TTL expired'),
        ]),
      ),
    ).toEqual({ status: 'Suspended', message: 'TTL expired' });
  });

  it('follows a settled Ready condition', () => {
    expect(nodeClaimHealth(claim([condition('Ready', 'True', '')]))).toEqual({
      status: 'Healthy',
      message: '',
    });
    expect(
      nodeClaimHealth(claim([condition('Ready', 'False', 'terminated')])),
    ).toEqual({ status: 'Degraded', message: 'terminated' });
  });

  it('reports the furthest stage reached before Ready', () => {
    const stage = (...types: string[]) =>
      nodeClaimHealth(
        claim([
          ...types.map(type => condition(type, 'True')),
          condition('Ready', 'Unknown'),
        ]),
      ).message;
    expect(stage('Launched', 'Registered', 'Initialized')).toBe(
      'Node initialized, waiting for Ready',
    );
    expect(stage('Launched', 'Registered')).toBe(
      'Node registered, waiting for initialization',
    );
    expect(stage('Launched')).toBe('Node launched, waiting for registration');
    expect(stage()).toBe('Waiting for NodeClaim to be launched');
    expect(nodeClaimHealth(claim())).toEqual({
      status: 'Progressing',
      message: 'Waiting for NodeClaim to be launched',
    });
  });
});

describe('Karpenter EC2NodeClass health', () => {
  const nodeClass = (conditions?: object[]) =>
    withConditions('karpenter.k8s.aws/v1', 'EC2NodeClass', conditions);
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for EC2NodeClass to be ready',
  };

  it('is Healthy with a fixed message once Ready', () => {
    expect(
      ec2NodeClassHealth(
        nodeClass([
          condition('SubnetsReady', 'False', 'no subnets'),
          condition('Ready', 'True', 'anything'),
        ]),
      ),
    ).toEqual({ status: 'Healthy', message: 'EC2NodeClass is ready' });
  });

  it('is Degraded with the message of a failed Ready or prerequisite', () => {
    expect(
      ec2NodeClassHealth(nodeClass([condition('Ready', 'False', 'not ready')])),
    ).toEqual({ status: 'Degraded', message: 'not ready' });
    for (const type of [
      'SubnetsReady',
      'SecurityGroupsReady',
      'ValidationSucceeded',
    ]) {
      expect(
        ec2NodeClassHealth(
          nodeClass([
            condition('Ready', 'Unknown'),
            condition(type, 'False', `${type} failed`),
          ]),
        ),
      ).toEqual({ status: 'Degraded', message: `${type} failed` });
    }
  });

  it('waits otherwise', () => {
    expect(ec2NodeClassHealth(nodeClass())).toEqual(waiting);
    expect(
      ec2NodeClassHealth(nodeClass([condition('AMIsReady', 'False', 'x')])),
    ).toEqual(waiting);
  });

  it('under karpenter.sh, lets the first decisive condition win', () => {
    const legacy = (conditions?: object[]) =>
      legacyEc2NodeClassHealth(
        withConditions('karpenter.sh/v1', 'EC2NodeClass', conditions),
      );
    expect(
      legacy([
        condition('SubnetsReady', 'False', 'no subnets'),
        condition('Ready', 'True', 'ready'),
      ]),
    ).toEqual({ status: 'Degraded', message: 'no subnets' });
    expect(
      legacy([
        condition('Ready', 'True', 'ready'),
        condition('SecurityGroupsReady', 'False', 'no groups'),
      ]),
    ).toEqual({ status: 'Healthy', message: 'ready' });
    expect(legacy([condition('Ready', 'Unknown')])).toEqual(waiting);
  });

  it('registers every kind under its Argo CD folder name', () => {
    expect(Object.keys(karpenterHealthChecks).sort()).toEqual([
      'karpenter.k8s.aws/EC2NodeClass',
      'karpenter.sh/EC2NodeClass',
      'karpenter.sh/NodeClaim',
      'karpenter.sh/NodePool',
    ]);
  });
});
