/**
 * Evaluator for parsed Go templates, following text/template's rules:
 * fields on maps, `missingkey` handling, variables and their scopes,
 * pipelines (the previous value becomes the last argument), if/with/range
 * with else branches, break/continue and short-circuit `and`/`or`, and
 * methods of Go objects (`(semver "1.2.3").Major`, `(now).Format "2006"`).
 */
import { callGoMethod, GoObject, splitMethod } from './goObject';
import {
  Command,
  Operand,
  parseTemplate,
  Pipeline,
  TemplateNode,
} from './parser';
import {
  formatValue,
  GoValue,
  isMap,
  isStringMap,
  isTrue,
  typeName,
} from './values';

/** A template function: receives evaluated arguments, returns a value or throws. */
export type TemplateFunction = (...args: GoValue[]) => GoValue;

export interface ExecOptions {
  /** 'error' makes a missing map key an error (goTemplateOptions: ["missingkey=error"]). */
  missingKey: 'default' | 'zero' | 'error';
  functions: Record<string, TemplateFunction>;
  /** Bound on the size of the output, against runaway templates. */
  maxOutputLength: number;
  /** Bound on the total iterations of all range loops. */
  maxIterations: number;
  /** How deep `tpl` calls are nested (internal). */
  tplDepth?: number;
}

const MAX_TPL_DEPTH = 10;

/** An error while executing a template; the message names the failing action. */
export class TemplateExecError extends Error {}

type ControlNode = Extract<
  TemplateNode,
  { pipe: Pipeline; list: TemplateNode[] }
>;

class Break {}
class Continue {}

interface Scope {
  vars: Array<{ name: string; value: GoValue }>;
}

class State {
  out = '';
  iterations = 0;
  pipe: Pipeline | undefined;
  constructor(readonly options: ExecOptions, readonly scope: Scope) {}

  fail(message: string): never {
    const at = this.pipe
      ? `${this.pipe.line}:${this.pipe.col}: executing at <${this.pipe.source}>: `
      : '';
    throw new TemplateExecError(`${at}${message}`);
  }

  write(s: string) {
    this.out += s;
    if (this.out.length > this.options.maxOutputLength) {
      this.fail(`output exceeds ${this.options.maxOutputLength} characters`);
    }
  }

  lookupVar(name: string): GoValue {
    for (let i = this.scope.vars.length - 1; i >= 0; i--) {
      if (this.scope.vars[i].name === name) return this.scope.vars[i].value;
    }
    return this.fail(`undefined variable: ${name}`);
  }

  setVar(name: string, value: GoValue) {
    for (let i = this.scope.vars.length - 1; i >= 0; i--) {
      if (this.scope.vars[i].name === name) {
        this.scope.vars[i].value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }
}

function callMethod(
  s: State,
  receiver: GoObject,
  name: string,
  args: GoValue[],
): GoValue {
  try {
    return callGoMethod(receiver, name, args);
  } catch (e) {
    return s.fail((e as Error).message);
  }
}

function field(s: State, receiver: GoValue, name: string): GoValue {
  if (receiver instanceof GoObject) return callMethod(s, receiver, name, []);
  if (isMap(receiver)) {
    if (Object.prototype.hasOwnProperty.call(receiver, name))
      return receiver[name];
    if (s.options.missingKey === 'error')
      s.fail(`map has no entry for key "${name}"`);
    // missingkey=zero yields the zero value of the map's element type ("" for
    // map[string]string, nil for interface{}); default yields "no value".
    if (s.options.missingKey === 'zero')
      return isStringMap(receiver) ? '' : null;
    return undefined;
  }
  if (receiver === undefined) {
    // Go treats a field of "no value" as another missing key.
    if (s.options.missingKey === 'error')
      s.fail(`nil data; no entry for key "${name}"`);
    return undefined;
  }
  if (receiver === null)
    return s.fail(`nil pointer evaluating interface {}.${name}`);
  return s.fail(`can't evaluate field ${name} in type ${typeName(receiver)}`);
}

function fieldChain(s: State, receiver: GoValue, path: string[]): GoValue {
  let v = receiver;
  for (const name of path) v = field(s, v, name);
  return v;
}

function evalArg(s: State, dot: GoValue, arg: Operand): GoValue {
  switch (arg.type) {
    case 'dot':
      return dot;
    case 'field':
      return fieldChain(s, dot, arg.path);
    case 'variable':
      return fieldChain(s, s.lookupVar(arg.name), arg.path);
    case 'string':
      return arg.value;
    case 'number':
      return arg.value;
    case 'bool':
      return arg.value;
    case 'nil':
      // an argument may be nil (Go passes the zero value of an interface); a command may not
      return null;
    case 'pipe': {
      const saved = s.pipe;
      const v = evalPipeline(s, dot, arg.pipe);
      s.pipe = saved;
      return fieldChain(s, v, arg.chain);
    }
    case 'ident':
      return callFunction(s, dot, arg.name, [], undefined);
    default:
      return s.fail('unsupported operand');
  }
}

function callFunction(
  s: State,
  dot: GoValue,
  name: string,
  args: Operand[],
  final: { value: GoValue } | undefined,
): GoValue {
  if (name === 'and' || name === 'or') {
    const all: Array<() => GoValue> = args.map(a => () => evalArg(s, dot, a));
    if (final) all.push(() => final.value);
    if (all.length === 0)
      s.fail(`wrong number of args for ${name}: want at least 1 got 0`);
    let v: GoValue = undefined;
    for (const get of all) {
      v = get();
      if (name === 'and' ? !isTrue(v) : isTrue(v)) return v;
    }
    return v;
  }
  if (name === 'tpl') return callTpl(s, dot, args, final);
  const fn = s.options.functions[name];
  if (!fn) return s.fail(`function "${name}" not defined`);
  const values = args.map(a => evalArg(s, dot, a));
  if (final) values.push(final.value);
  try {
    return fn(...values);
  } catch (e) {
    if (e instanceof TemplateExecError) throw e;
    return s.fail(`error calling ${name}: ${(e as Error).message}`);
  }
}

/**
 * Argo CD's `tpl TEMPLATE DATA`: renders a template string with the same
 * functions and options, "<no value>" removed from its output.
 */
function callTpl(
  s: State,
  dot: GoValue,
  args: Operand[],
  final: { value: GoValue } | undefined,
): GoValue {
  const values = args.map(a => evalArg(s, dot, a));
  if (final) values.push(final.value);
  if (values.length !== 2)
    return s.fail(`wrong number of args for tpl: want 2 got ${values.length}`);
  const depth = (s.options.tplDepth ?? 0) + 1;
  if (depth > MAX_TPL_DEPTH)
    return s.fail(`error calling tpl: nested deeper than ${MAX_TPL_DEPTH}`);
  const source =
    typeof values[0] === 'string' ? values[0] : formatValue(values[0]);
  try {
    const out = execute(parseTemplate(source), values[1], {
      ...s.options,
      tplDepth: depth,
    });
    return out.replace(/<no value>/g, '');
  } catch (e) {
    return s.fail(`error calling tpl: ${(e as Error).message}`);
  }
}

function evalCommand(
  s: State,
  dot: GoValue,
  cmd: Command,
  final: { value: GoValue } | undefined,
): GoValue {
  const [first, ...rest] = cmd.args;
  if (first.type === 'ident')
    return callFunction(s, dot, first.name, rest, final);
  if (rest.length > 0 || final) {
    const method = splitMethod(first);
    const receiver = method && evalArg(s, dot, method.receiver);
    if (method && receiver instanceof GoObject) {
      const values = rest.map(a => evalArg(s, dot, a));
      if (final) values.push(final.value);
      return callMethod(s, receiver, method.name, values);
    }
    return s.fail(
      `can't give argument to non-function ${formatOperand(first)}`,
    );
  }
  if (first.type === 'nil') return s.fail('nil is not a command');
  return evalArg(s, dot, first);
}

function formatOperand(o: Operand): string {
  switch (o.type) {
    case 'field':
      return `.${o.path.join('.')}`;
    case 'variable':
      return [o.name, ...o.path].join('.');
    case 'dot':
      return '.';
    case 'string':
      return JSON.stringify(o.value);
    case 'number':
      return o.text;
    default:
      return o.type;
  }
}

function evalPipeline(s: State, dot: GoValue, pipe: Pipeline): GoValue {
  s.pipe = pipe;
  let value: { value: GoValue } | undefined;
  for (const cmd of pipe.cmds) {
    value = { value: evalCommand(s, dot, cmd, value) };
    s.pipe = pipe;
  }
  const result = value?.value;
  if (pipe.decl.length) {
    if (pipe.isAssign) s.setVar(pipe.decl[0], result);
    else s.scope.vars.push({ name: pipe.decl[0], value: result });
  }
  return result;
}

function walkList(s: State, dot: GoValue, nodes: TemplateNode[]) {
  const mark = s.scope.vars.length;
  try {
    for (const n of nodes) walk(s, dot, n);
  } finally {
    s.scope.vars.length = mark;
  }
}

function walk(s: State, dot: GoValue, node: TemplateNode): void {
  switch (node.type) {
    case 'text':
      s.write(node.text);
      return;
    case 'action': {
      const v = evalPipeline(s, dot, node.pipe);
      if (node.pipe.decl.length === 0) s.write(formatValue(v));
      return;
    }
    case 'if':
    case 'with': {
      const mark = s.scope.vars.length;
      const v = evalPipeline(s, dot, node.pipe);
      try {
        if (isTrue(v)) walkList(s, node.type === 'with' ? v : dot, node.list);
        else if (node.elseList) walkList(s, dot, node.elseList);
      } finally {
        s.scope.vars.length = mark;
      }
      return;
    }
    case 'range':
      walkRange(s, dot, node);
      return;
    case 'break':
      throw new Break();
    case 'continue':
      throw new Continue();
    default:
      return;
  }
}

function walkRange(s: State, dot: GoValue, node: ControlNode) {
  const mark = s.scope.vars.length;
  const decl = node.pipe.decl;
  const pipe = { ...node.pipe, decl: [] as string[] };
  const v = evalPipeline(s, dot, pipe);
  const items: Array<[GoValue, GoValue]> = [];
  if (Array.isArray(v)) v.forEach((e, i) => items.push([BigInt(i), e]));
  else if (isMap(v))
    Object.keys(v)
      .sort()
      .forEach(k => items.push([k, v[k]]));
  else if (
    typeof v === 'bigint' ||
    (typeof v === 'number' && Number.isInteger(v))
  ) {
    const n = Number(v);
    if (n > s.options.maxIterations)
      s.fail(`range over ${n} exceeds ${s.options.maxIterations} iterations`);
    for (let i = 0; i < n; i++) items.push([BigInt(i), BigInt(i)]);
  } else if (v !== undefined && v !== null) {
    s.fail(`range can't iterate over ${formatValue(v)}`);
  }
  try {
    if (items.length === 0) {
      if (node.elseList) walkList(s, dot, node.elseList);
      return;
    }
    for (const [key, elem] of items) {
      if (++s.iterations > s.options.maxIterations)
        s.fail(`range loops exceed ${s.options.maxIterations} iterations`);
      const inner = s.scope.vars.length;
      if (decl.length === 1) s.scope.vars.push({ name: decl[0], value: elem });
      if (decl.length === 2) {
        s.scope.vars.push({ name: decl[0], value: key });
        s.scope.vars.push({ name: decl[1], value: elem });
      }
      try {
        walkList(s, elem, node.list);
      } catch (e) {
        if (e instanceof Break) break;
        if (!(e instanceof Continue)) throw e;
      } finally {
        s.scope.vars.length = inner;
      }
    }
  } finally {
    s.scope.vars.length = mark;
  }
}

/** Executes parsed template nodes against data; throws TemplateExecError. */
export function execute(
  nodes: TemplateNode[],
  data: GoValue,
  options: ExecOptions,
): string {
  const state = new State(options, { vars: [{ name: '$', value: data }] });
  try {
    walkList(state, data, nodes);
  } catch (e) {
    if (e instanceof Break || e instanceof Continue) {
      throw new TemplateExecError(
        '{{break}} or {{continue}} outside {{range}}',
      );
    }
    throw e;
  }
  return state.out;
}
