/**
 * Renders ApplicationSet templates with parameters. Both syntaxes are
 * applied per string value of the template (and to map keys), never to
 * YAML text, so a parameter holding newlines or YAML cannot add fields.
 * - default: fasttemplate `{{param}}` / `{{ param }}`; unknown or
 *   non-string parameters leave the tag as written (as Argo CD does),
 * - goTemplate: Go text/template with Sprig functions.
 */
import { renderGoTemplate } from './gotemplate';
import { isMap } from './gotemplate/values';
import type { Params } from './types';

/** How to render: the ApplicationSet's template settings. */
export interface RenderOptions {
  goTemplate: boolean;
  goTemplateOptions?: string[];
}

/** An error rendering one field; `field` is the path of the field in the rendered object. */
export class RenderError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const TEMPLATED = /\{\{.*\}\}/;

/**
 * fasttemplate substitution with `{{`/`}}`: a tag whose trimmed name is a
 * string parameter is replaced by its value, any other tag is kept as is.
 * A `{{` without a closing `}}` is an error, as in fasttemplate.
 */
export function renderFastTemplate(template: string, params: Params): string {
  if (!TEMPLATED.test(template)) return template;
  let out = '';
  let i = 0;
  for (;;) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      out += template.slice(i);
      return out;
    }
    const close = template.indexOf('}}', open + 2);
    if (close < 0)
      throw new Error(
        `cannot find end tag "}}" in template ${JSON.stringify(template)}`,
      );
    out += template.slice(i, open);
    const tag = template.slice(open + 2, close);
    const key = tag.trim();
    const value = key ? params[key] : undefined;
    out += typeof value === 'string' ? value : `{{${tag}}}`;
    i = close + 2;
  }
}

/** Renders one string with the ApplicationSet's syntax (render.Replace). */
export function renderString(
  template: string,
  params: Params,
  options: RenderOptions,
): string {
  if (options.goTemplate)
    return renderGoTemplate(template, params, {
      options: options.goTemplateOptions,
    });
  return renderFastTemplate(template, params);
}

/** Renders every string value and map key of a value, returning a new value. */
export function renderDeep(
  value: unknown,
  params: Params,
  options: RenderOptions,
  field = '',
): unknown {
  if (typeof value === 'string') {
    try {
      return renderString(value, params, options);
    } catch (e) {
      throw new RenderError(field, (e as Error).message);
    }
  }
  if (Array.isArray(value))
    return value.map((v, i) =>
      renderDeep(v, params, options, `${field}[${i}]`),
    );
  if (isMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      const path = field ? `${field}.${k}` : k;
      let key: string;
      try {
        key = renderString(k, params, options);
      } catch (e) {
        throw new RenderError(path, `in key: ${(e as Error).message}`);
      }
      out[key] = renderDeep(v, params, options, path);
    }
    return out;
  }
  return value;
}
