import type { KubeObject } from '@slipway/plugin-slipway-common';
import { pruneSkipReason, resourceOption } from './pruneOptions';

const cm = (options?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'c',
    namespace: 'shop',
    ...(options
      ? { annotations: { 'argocd.argoproj.io/sync-options': options } }
      : {}),
  },
});

describe('Prune and Delete sync options', () => {
  it("read the resource's annotation first, then the Application's options, lower-cased", () => {
    expect(resourceOption(cm('Prune=Confirm'), 'Prune', ['Prune=false'])).toBe(
      'confirm',
    );
    expect(resourceOption(cm('PruneLast=true'), 'Prune', ['Prune=false'])).toBe(
      'false',
    );
    expect(resourceOption(cm(), 'Delete', [])).toBeUndefined();
  });

  it('skip pruning when the sync does not prune, for Prune=false, and for Prune=confirm until confirmed', () => {
    expect(pruneSkipReason(cm(), { prune: false })).toBe(
      'ignored (requires pruning)',
    );
    expect(pruneSkipReason(cm(), { prune: true })).toBeUndefined();
    expect(pruneSkipReason(cm('Prune=false'), { prune: true })).toBe(
      'ignored (no prune)',
    );
    expect(
      pruneSkipReason(cm(), { prune: true, syncOptions: ['Prune=false'] }),
    ).toBe('ignored (no prune)');
    // the resource overrides the Application
    expect(
      pruneSkipReason(cm('Prune=true'), {
        prune: true,
        syncOptions: ['Prune=false'],
      }),
    ).toBeUndefined();
    expect(pruneSkipReason(cm('Prune=confirm'), { prune: true })).toBe(
      'ignored (Prune=confirm: pruning waits for confirmation; sync again with pruning confirmed)',
    );
    expect(
      pruneSkipReason(cm(), {
        prune: true,
        syncOptions: ['Prune=confirm'],
        confirmPrune: true,
      }),
    ).toBeUndefined();
  });
});
