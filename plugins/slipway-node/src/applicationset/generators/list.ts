/**
 * The list generator: one parameter set per element of `elements` and of
 * `elementsYaml`. With the default syntax, element values must be strings
 * and a `values` map becomes `values.<key>`; with goTemplate, elements are
 * used as they are.
 */
import YAML from 'yaml';
import { GO_YAML_OPTIONS } from '../../yaml';
import type { Params } from '../types';
import {
  checkCount,
  GeneratorContext,
  GeneratorError,
  isObject,
} from './context';

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a map' : `a ${typeof v}`;
}

export function listParams(
  spec: unknown,
  ctx: GeneratorContext,
  path: string,
): Params[] {
  if (!isObject(spec))
    throw new GeneratorError(
      path,
      'list generator must be a map with "elements" and/or "elementsYaml"',
    );
  const elements = spec.elements ?? [];
  if (!Array.isArray(elements))
    throw new GeneratorError(path, '"elements" must be a list of maps');
  const out: Params[] = [];
  elements.forEach((element, i) => {
    if (!isObject(element))
      throw new GeneratorError(
        path,
        `elements[${i}] is ${describe(element)}; each element must be a map`,
      );
    if (ctx.render.goTemplate) {
      out.push({ ...element });
      return;
    }
    const params: Params = {};
    for (const [key, value] of Object.entries(element)) {
      if (key === 'values') {
        if (!isObject(value))
          throw new GeneratorError(
            path,
            `elements[${i}].values must be a map of strings`,
          );
        for (const [k, v] of Object.entries(value)) {
          if (typeof v !== 'string') {
            throw new GeneratorError(
              path,
              `elements[${i}].values.${k} is ${describe(
                v,
              )}; with the default template syntax values must be strings (quote it, or set goTemplate: true)`,
            );
          }
          params[`values.${k}`] = v;
        }
      } else if (typeof value === 'string') {
        params[key] = value;
      } else {
        throw new GeneratorError(
          path,
          `elements[${i}].${key} is ${describe(
            value,
          )}; with the default template syntax list values must be strings (quote it, or set goTemplate: true)`,
        );
      }
    }
    out.push(params);
  });

  if (spec.elementsYaml !== undefined && spec.elementsYaml !== '') {
    if (typeof spec.elementsYaml !== 'string')
      throw new GeneratorError(
        path,
        '"elementsYaml" must be a string holding a YAML list of maps',
      );
    let parsed: unknown;
    try {
      parsed = YAML.parse(spec.elementsYaml, GO_YAML_OPTIONS);
    } catch (e) {
      throw new GeneratorError(
        path,
        `elementsYaml is not valid YAML: ${(e as Error).message}`,
      );
    }
    if (parsed !== null && parsed !== undefined) {
      if (!Array.isArray(parsed))
        throw new GeneratorError(
          path,
          `elementsYaml must be a YAML list of maps, got ${describe(parsed)}`,
        );
      parsed.forEach((e, i) => {
        if (!isObject(e))
          throw new GeneratorError(
            path,
            `elementsYaml item ${i} is ${describe(e)}; each item must be a map`,
          );
        out.push({ ...e });
      });
    }
  }
  checkCount(out.length, ctx, path);
  return out;
}
