/** A `WWW-Authenticate` challenge, e.g. `Bearer realm="https://auth.example/token",service="reg"`. */
export interface RegistryChallenge {
  /** Lower-cased: `basic`, `bearer`, … */
  scheme: string;
  /** Parameters by lower-cased name. */
  params: Record<string, string>;
}

/**
 * Parses the first challenge of a `WWW-Authenticate` header as OCI
 * registries send it (one scheme, then `name="value"` or `name=token`
 * parameters separated by commas). Undefined when there is none.
 */
export function parseChallenge(
  header: string | null | undefined,
): RegistryChallenge | undefined {
  const match = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(.*)$/s.exec(header ?? '');
  if (!match) {
    return undefined;
  }
  const params: Record<string, string> = {};
  const param =
    /([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  const rest = match[2];
  for (let m = param.exec(rest); m && m[0] !== ''; m = param.exec(rest)) {
    params[m[1].toLowerCase()] =
      m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return { scheme: match[1].toLowerCase(), params };
}
