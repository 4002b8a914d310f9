/** Everything `helm template` is called with, after paths were resolved and checked. */
export interface HelmTemplatePlan {
  releaseName: string;
  chartDir: string;
  namespace: string;
  kubeVersion?: string;
  apiVersions: string[];
  /** `include`: --include-crds (Argo CD's default), `skip`: --skip-crds, `none`: neither (kustomize's default). */
  crds: 'include' | 'skip' | 'none';
  skipTests: boolean;
  /** `--skip-schema-validation`: values.schema.json is not checked. */
  skipSchemaValidation?: boolean;
  noHooks?: boolean;
  /** Absolute, checked value files, in order (inline values last). */
  valueFiles: string[];
  parameters: Array<{ name: string; value: string; forceString?: boolean }>;
  /** `--set-file` entries with absolute, checked paths. */
  fileParameters: Array<{ name: string; path: string }>;
}

/**
 * Escapes unescaped commas in a `--set` value, so `a,b` stays one value, as
 * Argo CD does; a `{...}` list value is left alone.
 */
export function escapeSetValue(value: string): string {
  if (value.startsWith('{') && value.endsWith('}')) {
    return value;
  }
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === ',' && (i === 0 || value[i - 1] !== '\\')) {
      out += '\\,';
    } else {
      out += c;
    }
  }
  return out;
}

/** The argument list of `helm template` (no shell is involved). */
export function helmTemplateArgs(plan: HelmTemplatePlan): string[] {
  const args = ['template', plan.chartDir, '--name-template', plan.releaseName, '--namespace', plan.namespace];
  if (plan.kubeVersion) {
    args.push('--kube-version', plan.kubeVersion);
  }
  for (const api of plan.apiVersions) {
    args.push('--api-versions', api);
  }
  if (plan.crds !== 'none') {
    args.push(plan.crds === 'skip' ? '--skip-crds' : '--include-crds');
  }
  if (plan.skipTests) {
    args.push('--skip-tests');
  }
  if (plan.skipSchemaValidation) {
    args.push('--skip-schema-validation');
  }
  if (plan.noHooks) {
    args.push('--no-hooks');
  }
  for (const file of plan.valueFiles) {
    args.push('--values', file);
  }
  for (const p of plan.parameters) {
    args.push(p.forceString ? '--set-string' : '--set', `${p.name}=${escapeSetValue(p.value)}`);
  }
  for (const p of plan.fileParameters) {
    args.push('--set-file', `${p.name}=${p.path}`);
  }
  return args;
}
