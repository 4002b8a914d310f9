import { RenderError } from './RenderError';
import { isObject } from './isObject';
import type { JsonnetVariable } from './types';

/** `spec.source.directory.jsonnet`, checked. */
export interface JsonnetOptions {
  extVars: JsonnetVariable[];
  tlas: JsonnetVariable[];
  libs: string[];
}

function variables(appName: string, raw: unknown, field: 'extVars' | 'tlas'): JsonnetVariable[] {
  const where = `directory.jsonnet.${field}`;
  if (raw === undefined || raw === null) {
    return [];
  }
  if (!Array.isArray(raw)) {
    throw new RenderError('invalid-source', appName, `${where} must be a list of {name, value, code} entries`);
  }
  return raw.map((entry, i) => {
    const at = `${where}[${i}]`;
    if (!isObject(entry)) {
      throw new RenderError('invalid-source', appName, `${at} must be an object with name, value and code`);
    }
    const { name, value, code } = entry;
    // the name goes into one `name=value` argument: `=` would split it, a leading `-` would read as an option
    if (typeof name !== 'string' || name === '' || name.includes('=') || name.startsWith('-') || name.includes('\0')) {
      throw new RenderError(
        'invalid-source',
        appName,
        `${at}.name must be a non-empty name without "=" that does not start with "-" (it is ${JSON.stringify(name)})`,
      );
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new RenderError('invalid-source', appName, `${at} (${name}) needs a string value`);
    }
    if (String(value).includes('\0')) {
      throw new RenderError('invalid-source', appName, `${at} (${name}) has a NUL character in its value; remove it`);
    }
    if (code !== undefined && code !== null && typeof code !== 'boolean') {
      throw new RenderError('invalid-source', appName, `${at}.code must be true or false`);
    }
    return { name, value: String(value), code: code === true };
  });
}

/**
 * Checks `directory.jsonnet` (`extVars`, `tlas`: `{name, value, code}`;
 * `libs`: folders relative to the repository root) and fills in the
 * missing lists. Errors name the field and what is wrong with it.
 */
export function readJsonnetOptions(appName: string, raw: unknown): JsonnetOptions {
  if (raw === undefined || raw === null) {
    return { extVars: [], tlas: [], libs: [] };
  }
  if (!isObject(raw)) {
    throw new RenderError('invalid-source', appName, 'directory.jsonnet must be an object with extVars, tlas and libs');
  }
  const libs = raw.libs ?? [];
  if (!Array.isArray(libs) || libs.some(lib => typeof lib !== 'string' || lib.trim() === '')) {
    throw new RenderError(
      'invalid-source',
      appName,
      'directory.jsonnet.libs must be a list of folder paths relative to the repository root',
    );
  }
  return {
    extVars: variables(appName, raw.extVars, 'extVars'),
    tlas: variables(appName, raw.tlas, 'tlas'),
    libs: libs as string[],
  };
}
