import { describeOperationError } from './describeOperationError';

const app = { name: 'payments-prod', environment: 'prod' };

describe('describeOperationError', () => {
  it("passes on the backend's reason for a conflict", () => {
    const error = Object.assign(new Error('Request failed with 409 Conflict: whatever'), {
      statusCode: 409,
      cause: { name: 'ConflictError', message: 'Cannot sync application:default/payments-prod now: a deny sync window is active (freeze); try after 18:00' },
    });
    expect(describeOperationError('sync', app, error)).toBe(
      'Cannot sync payments-prod (prod) now. Cannot sync application:default/payments-prod now: a deny sync window is active (freeze); try after 18:00',
    );
  });

  it('tells a user without the permission whom to ask', () => {
    const error = Object.assign(new Error('Forbidden'), { statusCode: 403 });
    expect(describeOperationError('roll back', app, error)).toBe(
      "Not allowed to roll back payments-prod (prod) (Forbidden). Ask the application's owners for the permission.",
    );
  });

  it('suggests a retry and the logs for other failures', () => {
    expect(describeOperationError('refresh', { name: 'payments' }, new Error('Failed to fetch'))).toBe(
      "Could not refresh payments: Failed to fetch. Try again; if it keeps failing, check the Slipway backend's logs.",
    );
  });
});
