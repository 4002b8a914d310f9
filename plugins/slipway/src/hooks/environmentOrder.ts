/** Environment names in the order people read them: dev before staging before prod. */
const ENVIRONMENT_RANK = ['dev', 'development', 'test', 'qa', 'staging', 'stage', 'preprod', 'prod', 'production'];

function rank(environment: string | undefined): number {
  const index = ENVIRONMENT_RANK.indexOf((environment ?? '').toLocaleLowerCase('en-US'));
  return index < 0 ? ENVIRONMENT_RANK.length : index;
}

/** Compares environments: known stages in promotion order, then the rest by name. */
export function compareEnvironments(a: string | undefined, b: string | undefined): number {
  return rank(a) - rank(b) || (a ?? '').localeCompare(b ?? '');
}
