/**
 * Go values that are neither maps nor lists nor scalars: the structs and
 * pointers some Sprig functions return (time.Time, *semver.Version). A
 * template reaches their methods as fields (`(semver "1.2.3").Major`) or
 * calls them with arguments (`(now).Format "2006"`); fmt prints them through
 * their String method and encoding/json through their MarshalJSON.
 */
import type { Operand } from './parser';
import type { GoValue } from './values';

/** A method of a Go object; its declared parameter count is its Go arity. */
export type GoMethod = (...args: GoValue[]) => GoValue;

export abstract class GoObject {
  /** Go's `%T`, e.g. "time.Time" or "*semver.Version". */
  abstract readonly goType: string;
  /** reflect.Kind as sprig's kindOf prints it: "struct" or "ptr". */
  abstract readonly goKind: string;
  /** The value's String method, which fmt's `%v` uses. */
  abstract toString(): string;
  /** The value's MarshalJSON output, as plain JSON data. */
  abstract toJSON(): unknown;
  /** The exported methods a template may call, by Go name. */
  protected abstract methods(): Record<string, GoMethod>;

  /** The method `name`, or undefined when the type has none. */
  method(name: string): GoMethod | undefined {
    const all = this.methods();
    return Object.prototype.hasOwnProperty.call(all, name)
      ? all[name]
      : undefined;
  }
}

/**
 * Calls a method with text/template's arity check; errors carry Go's
 * messages ("wrong number of args for X: want 1 got 0", "error calling X: ...").
 */
export function callGoMethod(
  receiver: GoObject,
  name: string,
  args: GoValue[],
): GoValue {
  const method = receiver.method(name);
  if (!method)
    throw new Error(`can't evaluate field ${name} in type ${receiver.goType}`);
  if (args.length !== method.length)
    throw new Error(
      `wrong number of args for ${name}: want ${method.length} got ${args.length}`,
    );
  try {
    return method.apply(receiver, args);
  } catch (e) {
    throw new Error(`error calling ${name}: ${(e as Error).message}`);
  }
}

/** A method argument of type T, or text/template's error for another type. */
export function goArg<T extends GoObject>(
  v: GoValue,
  is: (x: GoValue) => x is T,
  goType: string,
): T {
  if (is(v)) return v;
  throw new Error(
    `wrong type for value; expected ${goType}; got ${goTypeOf(v)}`,
  );
}

// values.ts imports this module, so its typeName is not imported back here.
function goTypeOf(v: GoValue): string {
  if (v instanceof GoObject) return v.goType;
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/**
 * `.a.Method`, `$x.Method` or `(pipe).Method` as the operand of the
 * receiver and the method name, for a method call with arguments.
 */
export function splitMethod(
  o: Operand,
): { receiver: Operand; name: string } | undefined {
  if (o.type === 'field' && o.path.length) {
    const path = o.path.slice(0, -1);
    return {
      receiver: path.length ? { type: 'field', path } : { type: 'dot' },
      name: o.path[path.length],
    };
  }
  if (o.type === 'variable' && o.path.length)
    return {
      receiver: { ...o, path: o.path.slice(0, -1) },
      name: o.path[o.path.length - 1],
    };
  if (o.type === 'pipe' && o.chain.length)
    return {
      receiver: { ...o, chain: o.chain.slice(0, -1) },
      name: o.chain[o.chain.length - 1],
    };
  return undefined;
}
