export { parseAllDocumentsLikeGo } from './goYamlQuotedScalars';
