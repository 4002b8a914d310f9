/**
 * ApplicationSet expansion, the part of Argo CD's ApplicationSet controller
 * that turns an ApplicationSet into Applications: run each generator, apply
 * its post selector, render the (generator-overridden) template and the
 * templatePatch per parameter set, and check names and the cap. All
 * problems come back as ExpansionError values; nothing is thrown.
 */
import { missingKeyOption } from './gotemplate';
import {
  applyPostSelector,
  generateKind,
  generatorKinds,
  SUPPORTED_GENERATORS,
} from './generators/generate';
import {
  GeneratorContext,
  GeneratorError,
  isObject,
} from './generators/context';
import { compareByName } from './names';
import { cloneData, mergeFill } from './params';
import { renderDeep, RenderError, renderString, RenderOptions } from './render';
import { applyTemplatePatch } from './templatePatch';
import {
  Application,
  ARGOCD_API_VERSION,
  ExpansionContext,
  ExpansionError,
  ExpansionResult,
  IN_CLUSTER,
  Params,
} from './types';

/** Default cap on Applications per ApplicationSet. @public */
export const DEFAULT_MAX_APPLICATIONS = 1000;

/**
 * The finalizer Argo CD puts on generated Applications so that deleting one
 * deletes its resources; `syncPolicy.preserveResourcesOnDeletion: true`
 * leaves it off. @public
 */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

class ExpansionProblem extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

function renderApplication(
  template: Record<string, unknown>,
  params: Params,
  render: RenderOptions,
  templatePatch: string | undefined,
  appSetNamespace: string | undefined,
  preserveResources: boolean,
  where: string,
): Application {
  const fail = (field: string, message: string): never => {
    throw new ExpansionProblem(where, `${field ? `${field}: ` : ''}${message}`);
  };
  let rendered: Record<string, unknown>;
  try {
    // As in Argo CD, an empty parameter set leaves the template untouched.
    rendered = (
      Object.keys(params).length
        ? renderDeep(template, params, render)
        : cloneData(template)
    ) as Record<string, unknown>;
  } catch (e) {
    return fail(
      e instanceof RenderError ? `template.${e.field}` : 'template',
      (e as Error).message,
    );
  }
  let app: Record<string, unknown> = {
    metadata: rendered.metadata ?? {},
    spec: rendered.spec ?? {},
  };
  // RenderTemplateParams: an Application without finalizers gets Argo CD's
  // resources finalizer unless syncPolicy.preserveResourcesOnDeletion is
  // set (Application-Deletion.md); an empty parameter set leaves the
  // template as it is.
  if (Object.keys(params).length && !preserveResources) {
    const meta = isObject(app.metadata) ? app.metadata : {};
    if (!Array.isArray(meta.finalizers) || meta.finalizers.length === 0)
      app.metadata = { ...meta, finalizers: [RESOURCES_FINALIZER] };
  }
  if (templatePatch) {
    try {
      app = applyTemplatePatch(
        app,
        renderString(templatePatch, params, render),
      );
    } catch (e) {
      return fail('templatePatch', (e as Error).message);
    }
  }
  const meta = isObject(app.metadata) ? app.metadata : {};
  const spec = isObject(app.spec)
    ? app.spec
    : fail('template.spec', 'must be a map');
  const name = meta.name;
  if (typeof name !== 'string' || name === '') {
    return fail(
      'template.metadata.name',
      'the generated Application has no name; set template.metadata.name from a parameter',
    );
  }
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    return fail(
      'template.metadata.name',
      `generated name "${name}" is not a valid Kubernetes name (lower-case alphanumerics, "-" and ".", at most 253 characters); use a normalized parameter such as nameNormalized or path.basenameNormalized, or the normalize function`,
    );
  }
  const metadata: Application['metadata'] = { name };
  const namespace = appSetNamespace ?? meta.namespace;
  if (typeof namespace === 'string' && namespace)
    metadata.namespace = namespace;
  for (const field of ['labels', 'annotations'] as const) {
    const value = meta[field];
    if (value === undefined || value === null) continue;
    if (
      !isObject(value) ||
      Object.values(value).some(v => typeof v !== 'string')
    ) {
      fail(
        `template.metadata.${field}`,
        'must be a map of strings (quote values)',
      );
    }
    if (Object.keys(value as object).length)
      metadata[field] = value as Record<string, string>;
  }
  if (Array.isArray(meta.finalizers) && meta.finalizers.length)
    metadata.finalizers = meta.finalizers.map(String);
  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: 'Application',
    metadata,
    spec,
  };
}

function validate(input: unknown): { errors: string[]; name: string } {
  const errors: string[] = [];
  if (!isObject(input))
    return {
      errors: ['the document is not a map; expected an ApplicationSet object'],
      name: '',
    };
  const meta = isObject(input.metadata) ? input.metadata : undefined;
  const name = typeof meta?.name === 'string' ? meta.name : '';
  if (input.apiVersion !== ARGOCD_API_VERSION)
    errors.push(
      `apiVersion: expected "${ARGOCD_API_VERSION}", got ${JSON.stringify(
        input.apiVersion ?? null,
      )}`,
    );
  if (input.kind !== 'ApplicationSet')
    errors.push(
      `kind: expected "ApplicationSet", got ${JSON.stringify(
        input.kind ?? null,
      )}`,
    );
  if (!name) errors.push('metadata.name: the ApplicationSet needs a name');
  const spec = input.spec;
  if (!isObject(spec)) {
    errors.push(
      'spec: missing; an ApplicationSet needs spec.generators and spec.template',
    );
    return { errors, name };
  }
  if (!Array.isArray(spec.generators) || spec.generators.length === 0)
    errors.push('spec.generators: needs at least one generator');
  if (!isObject(spec.template))
    errors.push('spec.template: needs a template with metadata and spec');
  if (spec.goTemplate !== undefined && typeof spec.goTemplate !== 'boolean')
    errors.push('spec.goTemplate: must be true or false');
  if (spec.goTemplateOptions !== undefined) {
    if (
      !Array.isArray(spec.goTemplateOptions) ||
      spec.goTemplateOptions.some(o => typeof o !== 'string')
    ) {
      errors.push(
        'spec.goTemplateOptions: must be a list of strings such as "missingkey=error"',
      );
    } else {
      try {
        missingKeyOption(spec.goTemplateOptions as string[]);
      } catch (e) {
        errors.push(`spec.goTemplateOptions: ${(e as Error).message}`);
      }
    }
  }
  if (spec.syncPolicy !== undefined && spec.syncPolicy !== null) {
    if (!isObject(spec.syncPolicy))
      errors.push(
        'spec.syncPolicy: must be a map such as {preserveResourcesOnDeletion: true}',
      );
    else if (
      spec.syncPolicy.preserveResourcesOnDeletion !== undefined &&
      typeof spec.syncPolicy.preserveResourcesOnDeletion !== 'boolean'
    )
      errors.push(
        'spec.syncPolicy.preserveResourcesOnDeletion: must be true or false',
      );
  }
  if (
    spec.templatePatch !== undefined &&
    typeof spec.templatePatch !== 'string'
  )
    errors.push(
      'spec.templatePatch: must be a string (use a YAML block scalar: templatePatch: |)',
    );
  return { errors, name };
}

/**
 * Expands an ApplicationSet into the Applications its generators and
 * template produce. Never throws: problems are returned in `errors`.
 * @public
 */
export async function expandApplicationSet(
  input: unknown,
  context: ExpansionContext = {},
): Promise<ExpansionResult> {
  const { errors: invalid, name } = validate(input);
  const errorOf = (path: string, message: string): ExpansionError => ({
    applicationSet: name,
    path,
    message: `ApplicationSet "${name}": ${path ? `${path}: ` : ''}${message}`,
  });
  if (invalid.length)
    return { applications: [], errors: invalid.map(m => errorOf('', m)) };

  const set = input as Record<string, any>;
  const spec = set.spec as Record<string, any>;
  const maxApplications =
    context.limits?.maxApplications ?? DEFAULT_MAX_APPLICATIONS;
  const render: RenderOptions = {
    goTemplate: spec.goTemplate === true,
    goTemplateOptions: spec.goTemplateOptions,
  };
  const ctx: GeneratorContext = {
    appSetName: name,
    render,
    clusters: context.clusters ?? [{ ...IN_CLUSTER, local: true }],
    git: context.git,
    plugins: context.plugins,
    clusterDecisions: context.clusterDecisions,
    gitFileGlobbing: context.gitFileGlobbing ?? 'legacy',
    maxParameterSets: context.limits?.maxParameterSets ?? maxApplications * 10,
    maxGitFiles: context.limits?.maxGitFiles ?? 1000,
  };
  const appSetNamespace =
    typeof set.metadata.namespace === 'string' && set.metadata.namespace
      ? set.metadata.namespace
      : undefined;
  const preserveResources =
    isObject(spec.syncPolicy) &&
    spec.syncPolicy.preserveResourcesOnDeletion === true;

  const errors: ExpansionError[] = [];
  const byName = new Map<string, { app: Application; origin: string }>();
  let count = 0;
  try {
    for (const [i, entry] of (spec.generators as unknown[]).entries()) {
      const entryPath = `spec.generators[${i}]`;
      if (!isObject(entry)) {
        errors.push(
          errorOf(
            entryPath,
            'each generator must be a map such as {list: {...}}',
          ),
        );
        continue;
      }
      const kinds = generatorKinds(entry);
      if (kinds.length === 0)
        errors.push(
          errorOf(
            entryPath,
            `empty generator; use one of ${SUPPORTED_GENERATORS.join(', ')}`,
          ),
        );
      if (entry.template !== undefined) {
        // Argo CD has no template beside a generator: it would be dropped.
        errors.push(
          errorOf(
            `${entryPath}.template`,
            `a generator's template goes inside the generator, e.g. ${entryPath}.${
              kinds[0] ?? 'list'
            }.template (Template.md "Generator templates")`,
          ),
        );
        continue;
      }
      for (const kind of kinds) {
        const path = `${entryPath}.${kind}`;
        // Generator templates (generators[].<kind>.template) take precedence
        // over spec.template field by field (mergo.Merge without override).
        const own = isObject(entry[kind])
          ? (entry[kind] as Record<string, unknown>).template
          : undefined;
        if (own !== undefined && own !== null && !isObject(own)) {
          errors.push(
            errorOf(`${path}.template`, 'must be a map with metadata and spec'),
          );
          continue;
        }
        const template = isObject(own)
          ? mergeFill(own, spec.template)
          : spec.template;
        try {
          const params = applyPostSelector(
            await generateKind(kind, entry[kind], ctx, path, 1),
            entry.selector,
            `${entryPath}.selector`,
          );
          count += params.length;
          if (count > maxApplications) {
            return {
              applications: [],
              errors: [
                ...errors,
                errorOf(
                  path,
                  `the ApplicationSet generates more than ${maxApplications} Applications (the limit); narrow its generators or split it`,
                ),
              ],
            };
          }
          params.forEach((p, j) => {
            const origin = `${path} (parameter set ${j})`;
            try {
              const app = renderApplication(
                template,
                p,
                render,
                spec.templatePatch,
                appSetNamespace,
                preserveResources,
                origin,
              );
              const existing = byName.get(app.metadata.name);
              if (existing) {
                errors.push(
                  errorOf(
                    path,
                    `Application name "${app.metadata.name}" is generated twice: by ${existing.origin} and by ${origin}; make template.metadata.name unique per parameter set`,
                  ),
                );
              } else {
                byName.set(app.metadata.name, { app, origin });
              }
            } catch (e) {
              if (!(e instanceof ExpansionProblem)) throw e;
              errors.push(errorOf(e.path, e.message));
            }
          });
        } catch (e) {
          if (e instanceof GeneratorError)
            errors.push(errorOf(e.path, e.message));
          else throw e;
        }
      }
    }
  } catch (e) {
    errors.push(
      errorOf(
        '',
        `unexpected failure while expanding: ${
          (e as Error)?.message ?? String(e)
        }`,
      ),
    );
  }
  const applications = [...byName.values()].map(v => v.app).sort(compareByName);
  return { applications, errors };
}
