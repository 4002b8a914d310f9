import {
  activeDocHealth,
  apiManagerHealth,
  applicationAuthHealth,
  backendHealth,
  customPolicyDefinitionHealth,
  developerAccountHealth,
  developerUserHealth,
  openApiHealth,
  productHealth,
  proxyConfigPromoteHealth,
  tenantHealth,
  threeScaleApplicationHealth,
} from './ThreeScaleHealth';
import { kube } from '../testObjects';

const capability = (kind: string, status?: object) =>
  kube('capabilities.3scale.net/v1beta1', kind, status ? { status } : {});
const withConditions = (kind: string, ...conditions: object[]) =>
  capability(kind, { conditions });
const holds = (type: string, message?: string) => ({
  type,
  status: 'True',
  ...(message === undefined ? {} : { message }),
});
const lacks = (type: string) => ({ type, status: 'False' });

describe('3scale APIManager health', () => {
  const manager = (status?: object) =>
    kube('apps.3scale.net/v1alpha1', 'APIManager', status ? { status } : {});
  const available = {
    status: 'Healthy',
    message: '3scale APIManager is available',
  };
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for 3scale APIManager status...',
  };

  it('is Healthy when every deployment is ready', () => {
    expect(apiManagerHealth(manager({ deployments: { ready: [] } }))).toEqual(
      available,
    );
  });

  it('falls back to the Available condition while deployments start', () => {
    const starting = { ready: ['a'], starting: ['b'] };
    expect(
      apiManagerHealth(
        manager({ deployments: starting, conditions: [holds('Available')] }),
      ),
    ).toEqual(available);
    expect(
      apiManagerHealth(
        manager({ deployments: { stopped: ['a'] }, conditions: [] }),
      ),
    ).toEqual(waiting);
  });

  it('is Degraded when not available for a reason', () => {
    expect(
      apiManagerHealth(
        manager({
          conditions: [
            { type: 'Available', status: 'False', reason: 'MissingSecrets' },
          ],
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: '3scale APIManager is degraded: MissingSecrets',
    });
  });

  it('waits when not available without a reason', () => {
    expect(apiManagerHealth(manager())).toEqual(waiting);
    expect(
      apiManagerHealth(manager({ conditions: [lacks('Available')] })),
    ).toEqual(waiting);
    expect(
      apiManagerHealth(
        manager({
          conditions: [{ type: 'Available', status: 'False', reason: '' }],
        }),
      ),
    ).toEqual(waiting);
  });
});

describe('3scale capabilities: the first true condition decides', () => {
  it('ActiveDoc: ready, invalid, orphaned, failed or waiting', () => {
    expect(
      activeDocHealth(withConditions('ActiveDoc', holds('Ready'))),
    ).toEqual({ status: 'Healthy', message: '3scale ActiveDoc is ready' });
    expect(
      activeDocHealth(withConditions('ActiveDoc', holds('Invalid', 'bad'))),
    ).toEqual({ status: 'Degraded', message: 'bad' });
    expect(
      activeDocHealth(withConditions('ActiveDoc', holds('Orphan'))),
    ).toEqual({
      status: 'Degraded',
      message: '3scale ActiveDoc references non-existing resources',
    });
    expect(
      activeDocHealth(withConditions('ActiveDoc', holds('Failed'))),
    ).toEqual({
      status: 'Degraded',
      message: '3scale ActiveDoc synchronization failed',
    });
    expect(activeDocHealth(capability('ActiveDoc'))).toEqual({
      status: 'Progressing',
      message: 'Waiting for 3scale ActiveDoc status...',
    });
  });

  it('passes over conditions that are not True, in list order', () => {
    expect(
      backendHealth(
        withConditions(
          'Backend',
          lacks('Failed'),
          holds('Invalid'),
          holds('Synced'),
        ),
      ),
    ).toEqual({
      status: 'Degraded',
      message: '3scale Backend configuration is invalid',
    });
    expect(
      backendHealth(
        withConditions('Backend', lacks('Failed'), holds('Synced')),
      ),
    ).toEqual({ status: 'Healthy', message: '3scale Backend is synced' });
    expect(backendHealth(withConditions('Backend', holds('Failed')))).toEqual({
      status: 'Degraded',
      message: '3scale Backend synchronization failed',
    });
  });

  it('keeps a message the operator wrote, even an empty one', () => {
    expect(
      productHealth(withConditions('Product', holds('Failed', ''))),
    ).toEqual({ status: 'Degraded', message: '' });
  });

  it('Product: synced, invalid, orphaned or failed', () => {
    expect(productHealth(withConditions('Product', holds('Synced')))).toEqual({
      status: 'Healthy',
      message: '3scale Product is synced',
    });
    expect(productHealth(withConditions('Product', holds('Orphan')))).toEqual({
      status: 'Degraded',
      message: '3scale Product references non-existing resources',
    });
    expect(productHealth(withConditions('Product', holds('Invalid')))).toEqual({
      status: 'Degraded',
      message: '3scale Product configuration is invalid',
    });
    expect(productHealth(withConditions('Product'))).toEqual({
      status: 'Progressing',
      message: 'Waiting for 3scale Product status...',
    });
  });

  it('ApplicationAuth: ready or failed', () => {
    expect(
      applicationAuthHealth(withConditions('ApplicationAuth', holds('Ready'))),
    ).toEqual({
      status: 'Healthy',
      message: '3scale ApplicationAuth is ready',
    });
    expect(
      applicationAuthHealth(withConditions('ApplicationAuth', holds('Failed'))),
    ).toEqual({ status: 'Degraded', message: '3scale ApplicationAuth failed' });
    expect(
      applicationAuthHealth(
        withConditions('ApplicationAuth', holds('Invalid')),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for 3scale ApplicationAuth status...',
    });
  });

  it('CustomPolicyDefinition and OpenAPI name their own failures', () => {
    expect(
      customPolicyDefinitionHealth(
        withConditions('CustomPolicyDefinition', holds('Failed')),
      ),
    ).toEqual({
      status: 'Degraded',
      message: '3scale CustomPolicyDefinition synchronization failed',
    });
    expect(
      customPolicyDefinitionHealth(
        withConditions('CustomPolicyDefinition', holds('Ready')),
      ),
    ).toEqual({
      status: 'Healthy',
      message: '3scale CustomPolicyDefinition is ready',
    });
    expect(
      customPolicyDefinitionHealth(
        withConditions('CustomPolicyDefinition', holds('Invalid')),
      ),
    ).toEqual({
      status: 'Degraded',
      message: '3scale CustomPolicyDefinition configuration is invalid',
    });
    expect(openApiHealth(withConditions('OpenAPI', holds('Failed')))).toEqual({
      status: 'Degraded',
      message: '3scale OpenAPI reconciliation failed',
    });
    expect(openApiHealth(withConditions('OpenAPI', holds('Ready')))).toEqual({
      status: 'Healthy',
      message: '3scale OpenAPI is ready',
    });
    expect(openApiHealth(withConditions('OpenAPI', holds('Invalid')))).toEqual({
      status: 'Degraded',
      message: '3scale OpenAPI configuration is invalid',
    });
    expect(openApiHealth(capability('OpenAPI'))).toEqual({
      status: 'Progressing',
      message: 'Waiting for 3scale OpenAPI status...',
    });
  });

  it('DeveloperAccount: waiting for approval is Suspended', () => {
    const account = (...c: object[]) =>
      developerAccountHealth(withConditions('DeveloperAccount', ...c));
    expect(account(holds('Waiting'))).toEqual({
      status: 'Suspended',
      message: '3scale DeveloperAccount is waiting for approval',
    });
    expect(account(holds('Ready'))).toEqual({
      status: 'Healthy',
      message: '3scale DeveloperAccount is ready',
    });
    expect(account(holds('Invalid', 'bad email'))).toEqual({
      status: 'Degraded',
      message: 'bad email',
    });
    expect(account(holds('Failed'))).toEqual({
      status: 'Degraded',
      message: '3scale DeveloperAccount synchronization failed',
    });
    expect(account()).toEqual({
      status: 'Progressing',
      message: 'Waiting for 3scale DeveloperAccount status...',
    });
  });

  it('DeveloperUser: a suspended user waits for approval, whatever the conditions', () => {
    expect(
      developerUserHealth(
        capability('DeveloperUser', {
          developerUserState: 'suspended',
          conditions: [holds('Ready')],
        }),
      ),
    ).toEqual({
      status: 'Suspended',
      message: '3scale Developer user is waiting for admin approval',
    });
    const user = (...c: object[]) =>
      developerUserHealth(withConditions('DeveloperUser', ...c));
    expect(user(holds('Ready'))).toEqual({
      status: 'Healthy',
      message: '3scale DeveloperUser is ready',
    });
    expect(user(holds('Orphan'))).toEqual({
      status: 'Degraded',
      message: '3scale DeveloperUser references non-existing resources',
    });
    expect(user(holds('Invalid'))).toEqual({
      status: 'Degraded',
      message: '3scale DeveloperUser configuration is invalid',
    });
    expect(user(holds('Failed'))).toEqual({
      status: 'Degraded',
      message: '3scale DeveloperUser synchronization failed',
    });
    expect(user()).toEqual({
      status: 'Progressing',
      message: 'Waiting for 3scale DeveloperUser status...',
    });
  });

  it('ProxyConfigPromote: a promotion under way is Progressing', () => {
    const promote = (...c: object[]) =>
      proxyConfigPromoteHealth(withConditions('ProxyConfigPromote', ...c));
    expect(promote(holds('In-progress'))).toEqual({
      status: 'Progressing',
      message: '3scale ProxyConfigPromote is in progress',
    });
    expect(promote(holds('Ready'))).toEqual({
      status: 'Healthy',
      message: '3scale ProxyConfigPromote is ready',
    });
    // Argo CD's own fallback text, typo included.
    expect(promote(holds('Failed'))).toEqual({
      status: 'Degraded',
      message: '3cale ProxyConfigPromote failed',
    });
    expect(promote()).toEqual({
      status: 'Progressing',
      message: 'Waiting for 3scale ProxyConfigPromote status...',
    });
  });
});

describe('3scale Application health', () => {
  it('is Suspended when the application is suspended', () => {
    expect(
      threeScaleApplicationHealth(
        capability('Application', { state: 'suspended' }),
      ),
    ).toEqual({
      status: 'Suspended',
      message: '3scale Application is suspended',
    });
  });

  it('is Healthy when Ready', () => {
    expect(
      threeScaleApplicationHealth(
        withConditions('Application', holds('Ready')),
      ),
    ).toEqual({ status: 'Healthy', message: '3scale Application is ready' });
  });

  it('is Degraded when not Ready and without an id', () => {
    expect(
      threeScaleApplicationHealth(
        withConditions('Application', lacks('Ready')),
      ),
    ).toEqual({
      status: 'Degraded',
      message: '3scale Application is not ready',
    });
  });

  it('keeps waiting when not Ready but already created (adminId set)', () => {
    expect(
      threeScaleApplicationHealth(
        capability('Application', { adminId: 7, conditions: [lacks('Ready')] }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for 3scale Application status...',
    });
  });
});

describe('3scale Tenant health', () => {
  const tenant = (status: object) => capability('Tenant', status);

  it('is Healthy only when Ready and both ids are assigned', () => {
    expect(
      tenantHealth(
        tenant({ tenantId: 1, adminId: 2, conditions: [holds('Ready')] }),
      ),
    ).toEqual({ status: 'Healthy', message: '3scale Tenant is ready' });
  });

  it('waits when Ready but an id is missing', () => {
    expect(
      tenantHealth(
        tenant({ tenantId: 1, adminId: 0, conditions: [holds('Ready')] }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for 3scale Tenant status...',
    });
  });

  it('is Degraded when Ready is not True', () => {
    expect(
      tenantHealth(
        tenant({
          conditions: [
            { type: 'Ready', status: 'False', message: 'bad creds' },
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'bad creds' });
    expect(tenantHealth(tenant({ conditions: [{ type: 'Ready' }] }))).toEqual({
      status: 'Degraded',
      message: '3scale Tenant is degraded',
    });
  });
});
