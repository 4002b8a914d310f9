export {
  indentQuotedContinuations,
  parseAllDocumentsLikeGo,
} from './goYamlQuotedScalars';
