import type { ApplicationSource } from '../engine/render';
import type { EngineApplication } from '../engine/app/types';
import type { HistoryEntry } from '../store';

/** The sources of an application, `spec.sources` winning over `spec.source` as in Argo CD. */
export function sourcesOf(app: EngineApplication): ApplicationSource[] {
  return app.spec.sources ?? (app.spec.source ? [app.spec.source] : []);
}

/** The application with its sources replaced (one source stays `spec.source`). */
export function withSources(app: EngineApplication, sources: ApplicationSource[]): EngineApplication {
  const spec = { ...app.spec };
  if (app.spec.sources) spec.sources = sources;
  else spec.source = sources[0];
  return { ...app, spec };
}

/** A sync to a given revision: the first source's targetRevision is replaced (Argo CD's sync `revision`). */
export function atRevision(app: EngineApplication, revision: string): EngineApplication {
  const [first, ...rest] = sourcesOf(app);
  return first ? withSources(app, [{ ...first, targetRevision: revision }, ...rest]) : app;
}

/** What a history entry keeps of the deployed sources. */
export function historySource(app: EngineApplication, revisions: string[]): Record<string, unknown> {
  return app.spec.sources
    ? { sources: app.spec.sources, revisions }
    : { ...(app.spec.source as unknown as Record<string, unknown>) };
}

/**
 * A rollback: the application with the sources of a history entry, each at
 * the revision that was deployed (Argo CD rolls back to the entry's source
 * and revision).
 */
export function atHistory(app: EngineApplication, entry: HistoryEntry): EngineApplication {
  const source = entry.source as { sources?: ApplicationSource[]; revisions?: string[] };
  if (Array.isArray(source.sources)) {
    const sources = source.sources.map((s, i) => ({ ...s, targetRevision: source.revisions?.[i] ?? s.targetRevision }));
    return { ...app, spec: { ...app.spec, source: undefined, sources } };
  }
  const single = entry.source as unknown as ApplicationSource;
  return { ...app, spec: { ...app.spec, sources: undefined, source: { ...single, targetRevision: entry.revision } } };
}
