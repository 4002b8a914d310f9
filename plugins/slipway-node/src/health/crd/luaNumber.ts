/**
 * Reads a value the way Lua's `tonumber` does, because Argo Rollouts' status
 * has used both numeric generations and pod-hash strings in the same field:
 * numbers stay numbers, decimal and hex strings are parsed, anything else is
 * not a number.
 */
export function luaToNumber(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(text)) return Number.parseInt(text, 16);
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  return undefined;
}
