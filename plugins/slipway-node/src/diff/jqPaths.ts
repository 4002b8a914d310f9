/**
 * jq path expressions of `ignoreDifferences.jqPathExpressions`. Like Argo CD,
 * an expression `E` removes what `del(E)` removes. Evaluated with jq itself
 * (the `jq-web` WebAssembly build), so every jq path expression Argo CD users
 * write works unchanged.
 */

import { startJqWorker } from './jqWorker';

/** Runs jq programs on JSON values. @public */
export interface JqEngine {
  /** All outputs of `filter` applied to `input`. Throws on jq errors. */
  run(input: unknown, filter: string): unknown[];
}

/** Thrown when a jq path expression does not compile. @public */
export class JqExpressionError extends Error {
  constructor(readonly expression: string, reason: string) {
    super(
      `jq path expression '${expression}' is not valid: ${reason}. ` +
        'Fix the ignoreDifferences.jqPathExpressions entry (for example `.spec.template.spec.initContainers[] | select(.name == "x")`).',
    );
    this.name = 'JqExpressionError';
  }
}

let loading: Promise<JqEngine> | undefined;

/**
 * Loads the jq engine once per process: jq-web's WebAssembly build in a
 * worker thread, each evaluation limited to a second as in Argo CD.
 * @public
 */
export function loadJqEngine(): Promise<JqEngine> {
  if (!loading) {
    loading = startJqWorker();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

function jqMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').filter(l => l.startsWith('jq: error'));
  return (lines.length > 0 ? lines.join('; ') : text).trim();
}

/**
 * Returns `obj` with everything `del(expression)` deletes removed.
 * A path that does not exist leaves the object unchanged. Throws
 * {@link JqExpressionError} when the expression does not compile; other jq
 * runtime errors also throw (callers skip the rule, as Argo CD does).
 */
export function deleteJqPath(
  engine: JqEngine,
  obj: unknown,
  expression: string,
): unknown {
  let outputs: unknown[];
  try {
    outputs = engine.run(obj, `del(${expression})`);
  } catch (error) {
    const message = jqMessage(error);
    if (/compile error|syntax error/.test(String((error as Error)?.message ?? error))) {
      throw new JqExpressionError(expression, message);
    }
    throw new Error(`jq path expression '${expression}' failed: ${message}`);
  }
  if (outputs.length === 0) {
    throw new Error(`jq path expression '${expression}' returned no data`);
  }
  if (outputs.length > 1) {
    throw new Error(`jq path expression '${expression}' returned multiple objects`);
  }
  return outputs[0];
}
