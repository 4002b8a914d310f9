import type { LoggerService } from '@backstage/backend-plugin-api';
import { diffOfChange } from '../gitops/changeDiff';
import type { FileChange } from '../gitops/GitWorkspace';
import type { Workspace } from '../gitops/Workspace';

/** A file a dry run would create, change or delete, with its unified diff against the repository. */
export interface PlannedChange {
  path: string;
  action: FileChange['action'];
  diff: string;
}

/**
 * What a dry run reports: each change with its unified diff against the
 * repository's current content (a reviewer sees what the commit would do,
 * not whole files), each diff also logged. Changes nothing.
 */
export async function plannedChanges(
  workspace: Workspace,
  changes: FileChange[],
  logger: Pick<LoggerService, 'info'>,
): Promise<PlannedChange[]> {
  const planned: PlannedChange[] = [];
  for (const change of changes) {
    const diff = await diffOfChange(workspace.dir, change);
    logger.info(`dry run: would ${change.action} ${change.path}:\n${diff}`);
    planned.push({ path: change.path, action: change.action, diff });
  }
  return planned;
}
