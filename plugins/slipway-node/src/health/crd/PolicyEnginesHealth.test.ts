import {
  certificatePolicyHealth,
  configurationPolicyHealth,
  kyvernoClusterPolicyHealth,
  kyvernoPolicyHealth,
  ocmPolicyHealth,
  operatorPolicyHealth,
  policyEnginesHealthChecks,
} from './PolicyEnginesHealth';
import { kube } from '../testObjects';

const OCM = 'policy.open-cluster-management.io/v1';

describe('Kyverno ClusterPolicy', () => {
  const policy = (conditions?: object[]) =>
    kube('kyverno.io/v1', 'ClusterPolicy', {
      status: conditions ? { conditions } : undefined,
    });

  it('waits for a Ready condition', () => {
    expect(kyvernoClusterPolicyHealth(policy())).toEqual({
      status: 'Progressing',
      message: 'Waiting for ClusterPolicy to become ready',
    });
  });

  it('is healthy when Ready is True, degraded otherwise, in its own words', () => {
    expect(
      kyvernoClusterPolicyHealth(
        policy([{ type: 'Ready', status: 'True', message: 'Ready' }]),
      ),
    ).toEqual({ status: 'Healthy', message: 'Ready' });
    expect(
      kyvernoClusterPolicyHealth(
        policy([{ type: 'Ready', status: 'False', message: 'rules failed' }]),
      ),
    ).toEqual({ status: 'Degraded', message: 'rules failed' });
    expect(
      kyvernoClusterPolicyHealth(
        policy([{ type: 'Ready', status: 'Unknown' }]),
      ),
    ).toEqual({ status: 'Degraded' });
  });
});

describe('Kyverno Policy', () => {
  const policy = (ready: object) =>
    kube('kyverno.io/v1', 'Policy', {
      status: { conditions: [{ type: 'Ready', ...ready }] },
    });

  it('is healthy only once Kyverno reports it loaded', () => {
    expect(
      kyvernoPolicyHealth(
        policy({ status: 'True', reason: 'Succeeded', message: 'Ready' }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Policy is ready' });
  });

  it('keeps waiting otherwise, even when loading failed', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for Policy to be ready',
    };
    expect(kyvernoPolicyHealth(kube('kyverno.io/v1', 'Policy'))).toEqual(
      waiting,
    );
    expect(
      kyvernoPolicyHealth(policy({ status: 'False', reason: 'Failed' })),
    ).toEqual(waiting);
  });
});

describe('OCM CertificatePolicy', () => {
  const cert = (status?: object) => kube(OCM, 'CertificatePolicy', { status });

  it('follows status.compliant', () => {
    expect(certificatePolicyHealth(cert())).toEqual({
      status: 'Progressing',
      message: 'Waiting for the status to be reported',
    });
    expect(certificatePolicyHealth(cert({ compliant: 'Compliant' }))).toEqual({
      status: 'Healthy',
      message: 'All certificates found comply with the policy',
    });
    expect(
      certificatePolicyHealth(cert({ compliant: 'NonCompliant' })),
    ).toEqual({
      status: 'Degraded',
      message: 'At least once certificate does not comply with the policy',
    });
  });
});

describe('OCM ConfigurationPolicy', () => {
  const config = (status?: object) =>
    kube(OCM, 'ConfigurationPolicy', { status }, { generation: 2 });
  const details = [
    {
      conditions: [
        { type: 'violation', message: 'namespaces [a] not found' },
        { type: 'violation' },
      ],
    },
    { conditions: [{ type: 'notification', message: 'pods [b] found' }] },
  ];

  it('waits for a compliance verdict on the current generation', () => {
    expect(configurationPolicyHealth(config())).toEqual({
      status: 'Progressing',
      message: 'Waiting for the status to be reported',
    });
    expect(
      configurationPolicyHealth(
        config({ compliant: 'Compliant', lastEvaluatedGeneration: 1 }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for the status to be updated',
    });
    expect(
      configurationPolicyHealth(
        config({ compliant: 'Compliant', lastEvaluatedGeneration: 2 }),
      ),
    ).toEqual({ status: 'Progressing', message: 'Waiting for compliance' });
  });

  it('reports compliance with every detail condition that has a message', () => {
    expect(
      configurationPolicyHealth(
        config({
          compliant: 'NonCompliant',
          lastEvaluatedGeneration: 2,
          compliancyDetails: details,
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message:
        'violation - namespaces [a] not found; notification - pods [b] found',
    });
    expect(
      configurationPolicyHealth(
        config({
          compliant: 'Compliant',
          lastEvaluatedGeneration: 2,
          compliancyDetails: [],
        }),
      ),
    ).toEqual({ status: 'Healthy', message: '' });
  });
});

describe('OCM OperatorPolicy', () => {
  const operator = (status?: object) =>
    kube(OCM, 'OperatorPolicy', { status }, { generation: 2 });
  const compliant = (status: string) => ({
    conditions: [
      { type: 'CatalogSourcesUnhealthy', status: 'False' },
      { type: 'Compliant', status, message: `${status}; details` },
    ],
  });

  it('waits for conditions describing the current generation', () => {
    expect(operatorPolicyHealth(operator())).toEqual({
      status: 'Progressing',
      message: 'Waiting for the status to be reported',
    });
    expect(
      operatorPolicyHealth(
        operator({ ...compliant('True'), observedGeneration: 1 }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for the status to be updated',
    });
    expect(operatorPolicyHealth(operator({ conditions: [] }))).toEqual({
      status: 'Progressing',
      message: 'Waiting for the compliance condition',
    });
  });

  it('follows the Compliant condition (a status without a generation counts)', () => {
    expect(operatorPolicyHealth(operator(compliant('True')))).toEqual({
      status: 'Healthy',
      message: 'True; details',
    });
    expect(
      operatorPolicyHealth(
        operator({ ...compliant('False'), observedGeneration: 2 }),
      ),
    ).toEqual({ status: 'Degraded', message: 'False; details' });
  });
});

describe('OCM Policy', () => {
  const policy = (status?: object, spec: object = {}) =>
    kube(OCM, 'Policy', { spec, status });

  it('is healthy while disabled, whatever its status', () => {
    expect(ocmPolicyHealth(policy(undefined, { disabled: true }))).toEqual({
      status: 'Healthy',
      message: 'Policy is disabled',
    });
  });

  it('waits for a compliance verdict', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for the status to be reported',
    };
    expect(ocmPolicyHealth(policy())).toEqual(waiting);
    expect(ocmPolicyHealth(policy({}))).toEqual(waiting);
  });

  it('is healthy when placed on no cluster at all', () => {
    expect(
      ocmPolicyHealth(policy({ placement: [{ placement: 'p' }] })),
    ).toEqual({ status: 'Healthy', message: 'No clusters match this policy' });
  });

  it('names the non-compliant clusters of a root policy', () => {
    const clusters = (a: string, b: string) => [
      { clustername: 'local-cluster', compliant: a },
      { clustername: 'managed', compliant: b },
    ];
    expect(
      ocmPolicyHealth(
        policy({
          compliant: 'NonCompliant',
          status: clusters('NonCompliant', 'Compliant'),
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'NonCompliant clusters: local-cluster',
    });
    expect(
      ocmPolicyHealth(
        policy({
          compliant: 'Compliant',
          status: clusters('Compliant', 'Compliant'),
        }),
      ),
    ).toEqual({ status: 'Healthy', message: 'All clusters are compliant' });
  });

  it('names the non-compliant templates of a replicated policy', () => {
    const template = (name: string, compliant: string) => ({
      compliant,
      templateMeta: { name },
    });
    expect(
      ocmPolicyHealth(
        policy({
          compliant: 'NonCompliant',
          details: [
            template('ns', 'NonCompliant'),
            template('pod', 'Compliant'),
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'NonCompliant templates: ns' });
    expect(
      ocmPolicyHealth(
        policy({
          compliant: 'Compliant',
          details: [template('ns', 'Compliant')],
        }),
      ),
    ).toEqual({ status: 'Healthy', message: 'All templates are compliant' });
  });

  it('has no message when it lists neither clusters nor templates', () => {
    expect(ocmPolicyHealth(policy({ compliant: 'Compliant' }))).toEqual({
      status: 'Healthy',
    });
  });
});

it('registers the policy kinds under their Argo CD folder names', () => {
  expect(Object.keys(policyEnginesHealthChecks).sort()).toEqual([
    'kyverno.io/ClusterPolicy',
    'kyverno.io/Policy',
    'policy.open-cluster-management.io/CertificatePolicy',
    'policy.open-cluster-management.io/ConfigurationPolicy',
    'policy.open-cluster-management.io/OperatorPolicy',
    'policy.open-cluster-management.io/Policy',
  ]);
});
