import { DEFAULT_NAMESPACE, makeValidator, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const validator = makeValidator();

/**
 * The catalog namespace a new service's ApplicationSet and Applications are
 * registered in: the `namespace` input when given, else the namespace of the
 * service's Component (the entity the template is about, so the service's
 * entities sit next to it), else `default`. Refuses a namespace the catalog
 * would reject, and a Component that is not an entity ref.
 */
export function catalogNamespaceOf(input: { namespace?: string; component?: string }): string {
  const given = input.namespace?.trim();
  if (given) {
    if (!validator.isValidNamespace(given)) {
      throw new InputError(
        `catalog namespace '${given}' is not valid; use lower-case letters, digits and '-', ` +
          "at most 63 characters (e.g. 'default' or 'payments'), or leave it empty to use the Component's",
      );
    }
    return given;
  }
  const component = input.component?.trim();
  if (!component) return DEFAULT_NAMESPACE;
  let namespace: string;
  try {
    namespace = parseEntityRef(component, { defaultKind: 'Component', defaultNamespace: DEFAULT_NAMESPACE }).namespace;
  } catch (e) {
    throw new InputError(
      `component '${component}' is not an entity ref (${(e as Error).message}); ` +
        "give one such as 'component:default/orders', or leave it empty",
    );
  }
  if (!validator.isValidNamespace(namespace)) {
    throw new InputError(
      `component '${component}' names namespace '${namespace}', which is not a valid catalog namespace; ` +
        "fix the Component ref or give 'namespace'",
    );
  }
  return namespace;
}
