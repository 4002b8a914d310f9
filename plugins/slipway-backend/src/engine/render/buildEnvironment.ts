/** What Argo CD's build environment describes: the Application and the source being rendered. */
export interface BuildEnvironmentInput {
  appName: string;
  destinationNamespace?: string;
  project?: string;
  /** The resolved commit. */
  revision: string;
  repoURL: string;
  path?: string;
  targetRevision?: string;
}

/**
 * Argo CD's build environment (`ARGOCD_APP_NAME`, `ARGOCD_APP_REVISION`, ...),
 * the variables Jsonnet external variables and top-level arguments may use.
 * `repoURL` must come without credentials.
 */
export function buildEnvironment(input: BuildEnvironmentInput): Record<string, string> {
  return {
    ARGOCD_APP_NAME: input.appName,
    ARGOCD_APP_NAMESPACE: input.destinationNamespace ?? '',
    ARGOCD_APP_PROJECT_NAME: input.project ?? '',
    ARGOCD_APP_REVISION: input.revision,
    ARGOCD_APP_REVISION_SHORT: input.revision.slice(0, 7),
    ARGOCD_APP_REVISION_SHORT_8: input.revision.slice(0, 8),
    ARGOCD_APP_SOURCE_REPO_URL: input.repoURL,
    ARGOCD_APP_SOURCE_PATH: input.path ?? '',
    ARGOCD_APP_SOURCE_TARGET_REVISION: input.targetRevision ?? '',
  };
}

const SPECIAL = /[*#$@!?\-0-9]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Reads the variable name after a `$` at `s[i]` like Go's os.Expand; `width` counts the characters after `$`. */
function nameAt(s: string, i: number): { name: string; width: number } {
  if (s[i] === '{') {
    if (s.length > i + 2 && SPECIAL.test(s[i + 1]) && s[i + 2] === '}') {
      return { name: s[i + 1], width: 3 };
    }
    const close = s.indexOf('}', i + 1);
    if (close === i + 1) {
      return { name: '', width: 2 }; // bad syntax: "${}" is dropped
    }
    if (close < 0) {
      return { name: '', width: 1 }; // bad syntax: "${" is dropped
    }
    return { name: s.slice(i + 1, close), width: close - i + 1 };
  }
  if (SPECIAL.test(s[i])) {
    return { name: s[i], width: 1 };
  }
  let end = i;
  while (end < s.length && NAME_CHAR.test(s[end])) {
    end += 1;
  }
  return { name: s.slice(i, end), width: end - i };
}

/**
 * Substitutes `$NAME` and `${NAME}` like Argo CD (Go's os.Expand): unknown
 * names become empty, `$$` is a literal `$`, and a `$` followed by no name
 * stays as it is.
 */
export function substituteBuildEnvironment(text: string, env: Record<string, string>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0 || dollar === text.length - 1) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const { name, width } = nameAt(text, dollar + 1);
    if (name === '' && width === 0) {
      out += '$';
    } else if (name === '$') {
      out += '$';
    } else if (name !== '') {
      out += Object.prototype.hasOwnProperty.call(env, name) ? env[name] : '';
    }
    i = dollar + 1 + width;
  }
  return out;
}
