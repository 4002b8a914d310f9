import type {
  DocumentOptions,
  ParseOptions,
  SchemaOptions,
  Tags,
  ToJSOptions,
} from 'yaml';

/**
 * Timestamps stay strings: go-yaml v2, as sigs.k8s.io/yaml uses it, gives a
 * timestamp decoded into an untyped value as its text.
 */
function withoutTimestamps(tags: Tags): Tags {
  return tags.filter(tag => {
    const t = tag as { tag?: string; format?: string };
    return t.format !== 'TIME' && t.tag !== 'tag:yaml.org,2002:timestamp';
  });
}

/**
 * Options of the `yaml` package that read YAML as Kubernetes and Argo CD
 * read it (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1, so `yes`/`no`/`on`/
 * `off` are booleans, `0644` is octal and `1_000` a number; merge keys;
 * a repeated key's last value wins; timestamps and sexagesimal numbers stay
 * strings.
 * @public
 */
export const GO_YAML_OPTIONS: ParseOptions &
  DocumentOptions &
  SchemaOptions &
  ToJSOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: false,
  customTags: withoutTimestamps,
};
