import {
  istioOperatorHealth,
  istioOperatorHealthChecks,
} from './IstioOperatorHealth';
import { kube } from '../testObjects';

const operator = (status?: unknown) =>
  kube(
    'install.istio.io/v1alpha1',
    'IstioOperator',
    status === undefined ? {} : { status: { status } },
  );

describe('Istio IstioOperator health', () => {
  it('maps the overall status, by name or enum number', () => {
    const cases: Array<[string, number, string, string]> = [
      ['NONE', 0, 'Unknown', 'Component is not present.'],
      [
        'UPDATING',
        1,
        'Progressing',
        'Component is being updated to a different version.',
      ],
      [
        'RECONCILING',
        2,
        'Progressing',
        'Controller has started but not yet completed reconciliation loop for the component.',
      ],
      ['HEALTHY', 3, 'Healthy', 'Component is healthy.'],
      ['ERROR', 4, 'Degraded', 'Component is in an error state.'],
    ];
    for (const [name, code, status, message] of cases) {
      expect(istioOperatorHealth(operator(name))).toEqual({ status, message });
      expect(istioOperatorHealth(operator(code))).toEqual({ status, message });
    }
  });

  it('waits for the control plane otherwise', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for Istio Control Plane',
    };
    expect(istioOperatorHealth(operator())).toEqual(waiting);
    expect(istioOperatorHealth(operator('ACTION_REQUIRED'))).toEqual(waiting);
    expect(istioOperatorHealth(operator('3'))).toEqual(waiting);
  });

  it('is keyed by the Argo CD folder name', () => {
    expect(Object.keys(istioOperatorHealthChecks)).toEqual([
      'install.istio.io/IstioOperator',
    ]);
  });
});
