import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { at, str } from './fields';

/**
 * Argo Workflows `Workflow` health from `status.phase`, whatever the API
 * version: not started, Pending or Running is Progressing, Succeeded is
 * Healthy, Failed or Error is Degraded. The message is the workflow's.
 * @public
 */
export function workflowHealth(obj: KubeObject): ResourceHealth {
  const message = str(at(obj, 'status', 'message'));
  switch (str(at(obj, 'status', 'phase'))) {
    case '':
    case 'Pending':
    case 'Running':
      return { status: 'Progressing', message };
    case 'Succeeded':
      return { status: 'Healthy', message };
    case 'Failed':
    case 'Error':
      return { status: 'Degraded', message };
    default:
      return { status: 'Unknown', message };
  }
}
