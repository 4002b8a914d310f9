import { ConflictError, InputError } from '@backstage/errors';
import { redactUrl } from '@slipway/plugin-slipway-node';
import type { Workspace } from '../gitops/Workspace';

const BRANCH = /^(?!\/|.*(?:\/\/|\.\.|@\{|\.lock$|\/$))[A-Za-z0-9._/-]+$/;

/**
 * The branch a change is committed to: `branch` when given, a generated
 * name when only `createBranch` is set, else the default branch. A branch
 * other than the default one is created, so it must not exist yet.
 */
export async function chooseBranch(
  workspace: Workspace,
  repoURL: string,
  input: { branch?: string; createBranch?: boolean },
  generated: string,
): Promise<string> {
  let branch = input.branch?.trim() || workspace.defaultBranch;
  if (input.createBranch && !input.branch?.trim()) branch = generated;
  if (!BRANCH.test(branch)) {
    throw new InputError(`branch name '${branch}' is not a valid Git branch name; use letters, digits, '.', '_', '-' and '/'`);
  }
  if (branch !== workspace.defaultBranch && (await workspace.remoteHasBranch(branch))) {
    throw new ConflictError(
      `branch '${branch}' already exists in ${redactUrl(repoURL)}; choose another branch name or leave it empty to commit to '${workspace.defaultBranch}'`,
    );
  }
  return branch;
}
