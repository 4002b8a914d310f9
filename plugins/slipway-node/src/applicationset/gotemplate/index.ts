/**
 * A compact Go text/template implementation for ApplicationSet templates:
 * the template syntax, Go's predefined functions, the commonly used Sprig
 * functions and Argo CD's additions. No JavaScript package implements Go
 * templates well enough, so this subset is maintained here with its tests.
 */
import { builtinFunctions } from './builtins';
import { execute, TemplateExecError, TemplateFunction } from './exec';
import { TemplateSyntaxError } from './lexer';
import { parseTemplate, TemplateNode } from './parser';
import { sprigFunctions } from './sprig';
import { GoValue } from './values';

export { TemplateExecError } from './exec';
export { TemplateSyntaxError } from './lexer';
export type { GoValue } from './values';

/** Options of a Go template rendering. @public */
export interface GoTemplateOptions {
  /** `goTemplateOptions` of the ApplicationSet, e.g. `["missingkey=error"]`. */
  options?: string[];
  maxOutputLength?: number;
  maxIterations?: number;
}

const functions: Record<string, TemplateFunction> = {
  ...sprigFunctions,
  ...builtinFunctions,
};

const cache = new Map<string, TemplateNode[]>();
const CACHE_LIMIT = 2000;

function parsed(template: string): TemplateNode[] {
  let nodes = cache.get(template);
  if (!nodes) {
    nodes = parseTemplate(template);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(template, nodes);
  }
  return nodes;
}

/** Reads `missingkey=...` from goTemplateOptions; throws on unknown options. */
export function missingKeyOption(
  options: string[] = [],
): 'default' | 'zero' | 'error' {
  let mode: 'default' | 'zero' | 'error' = 'default';
  for (const option of options) {
    const m = /^missingkey=(default|invalid|zero|error)$/.exec(option);
    if (!m)
      throw new TemplateSyntaxError(
        `unrecognized goTemplateOptions entry "${option}" (supported: missingkey=default|invalid|zero|error)`,
      );
    mode =
      m[1] === 'invalid' ? 'default' : (m[1] as 'default' | 'zero' | 'error');
  }
  return mode;
}

/**
 * Renders one Go template string against data. Throws TemplateSyntaxError
 * or TemplateExecError with a message that says where and why.
 * @public
 */
export function renderGoTemplate(
  template: string,
  data: unknown,
  opts: GoTemplateOptions = {},
): string {
  const nodes = parsed(template);
  return execute(nodes, data as GoValue, {
    missingKey: missingKeyOption(opts.options),
    functions,
    maxOutputLength: opts.maxOutputLength ?? 1_000_000,
    maxIterations: opts.maxIterations ?? 100_000,
  });
}

/** True when the error came from parsing or executing a Go template. */
export function isTemplateError(e: unknown): e is Error {
  return e instanceof TemplateSyntaxError || e instanceof TemplateExecError;
}
