import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { RenderedSource } from './types';

/** What a cached render holds. */
export interface CachedRender {
  manifests: KubeObject[];
  sources: RenderedSource[];
  warnings: string[];
}

/** Default memory bound of the render cache: 128 MiB of rendered JSON. */
const DEFAULT_RENDER_CACHE_BYTES = 128 * 1024 * 1024;

export interface RenderCacheOptions {
  /**
   * Memory for cached renders, in characters of their JSON, about bytes
   * (default 128 MiB); least recently used dropped first. A render larger
   * than the whole bound is not kept in memory.
   */
  maxBytes?: number;
  /** Also at most this many entries (default: no count bound). */
  maxEntries?: number;
  /** When set, entries are also written to this folder and survive restarts. */
  dir?: string;
}

/** JSON with object keys sorted, so equal specs give equal keys. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b)));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The cache key of a render: the resolved revisions (commits, chart
 * versions), a hash of the source spec and render inputs, and tool versions.
 */
export function renderCacheKey(parts: {
  revisions: string[];
  spec: unknown;
  toolVersions: Record<string, string | undefined>;
}): string {
  return crypto.createHash('sha256').update(stableStringify(parts)).digest('hex');
}

/**
 * Rendered manifests by key, in memory with an LRU bound and optionally on
 * disk. Callers get their own copies, so mutating a result never alters the cache.
 *
 * The bound is memory, not a count: every application of a fleet has one
 * current render, which its refreshes and operations ask for again. A
 * count of 200 made a fleet of 1,000 render each commit twice, once for
 * the refresh after a push and again for the sync, the first render
 * evicted in between.
 */
export class RenderCache {
  private readonly memory = new Map<string, string>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly options: RenderCacheOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? Number.POSITIVE_INFINITY);
    this.maxBytes = Math.max(0, options.maxBytes ?? DEFAULT_RENDER_CACHE_BYTES);
  }

  async get(key: string): Promise<CachedRender | undefined> {
    let text = this.memory.get(key);
    if (text !== undefined) {
      this.remember(key, text);
    } else if (this.options.dir) {
      text = await fs.promises.readFile(this.fileOf(key), 'utf8').catch(() => undefined);
      if (text !== undefined) {
        this.remember(key, text);
      }
    }
    if (text === undefined) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    return JSON.parse(text) as CachedRender;
  }

  async set(key: string, value: CachedRender): Promise<void> {
    const text = JSON.stringify(value);
    this.remember(key, text);
    if (this.options.dir) {
      await fs.promises.mkdir(this.options.dir, { recursive: true });
      const tmp = `${this.fileOf(key)}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, text);
      await fs.promises.rename(tmp, this.fileOf(key));
    }
  }

  get size(): number {
    return this.memory.size;
  }

  /** Bytes of rendered JSON held in memory. */
  get sizeBytes(): number {
    return this.bytes;
  }

  private remember(key: string, text: string): void {
    this.forget(key);
    if (text.length > this.maxBytes) {
      return;
    }
    this.memory.set(key, text);
    this.bytes += text.length;
    while (this.memory.size > this.maxEntries || this.bytes > this.maxBytes) {
      this.forget(this.memory.keys().next().value as string);
    }
  }

  private forget(key: string): void {
    const text = this.memory.get(key);
    if (text !== undefined) {
      this.memory.delete(key);
      this.bytes -= text.length;
    }
  }

  private fileOf(key: string): string {
    return path.join(this.options.dir!, `${key}.json`);
  }
}
