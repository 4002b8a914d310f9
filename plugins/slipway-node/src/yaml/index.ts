export { parseAllDocumentsLikeGo } from './goYamlQuotedScalars';
export { GO_YAML_OPTIONS } from './goYamlOptions';
