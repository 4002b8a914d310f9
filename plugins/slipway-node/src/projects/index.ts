/**
 * The pure parts of Argo CD project rules: glob matching and destination
 * rules, shared by the engine and the scaffolder actions (which refuse a
 * destination before committing it).
 */
export { matchGlob, matchAllowDeny, normalizeRepoURL } from './glob';
export {
  DEFAULT_PROJECT_DESTINATIONS,
  isDestinationPermitted,
  readProjectDestinations,
} from './destinations';
export type { ProjectDestination, ResolvedDestination } from './destinations';
