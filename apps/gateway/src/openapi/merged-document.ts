import type { OpenAPIObject } from '@nestjs/swagger';
import { LRUCache } from 'lru-cache';

/** How long a merged document is served before the services are asked again: a release shows within it. */
export const MERGED_DOCUMENT_TTL_MS = 5_000;
/** How long a document missing a service is served: that service is asked again this soon. */
export const PARTIAL_DOCUMENT_TTL_MS = 1_000;

export interface BuiltDocument {
  readonly document: OpenAPIObject;
  /** Whether every service answered; a partial document is held only briefly. */
  readonly complete: boolean;
}

/**
 * The whole API's document, built from the services' documents at most once per few seconds
 * however many ask (ADR 0096). `/docs-json` and `/docs` are public, and building asks all six
 * services and merges their documents: without this, every anonymous request did it again.
 * Requests arriving while it is built wait for that one build; a build that fails (throws) is
 * not held, the next request builds again.
 */
export class MergedDocument {
  private readonly held: LRUCache<'merged', OpenAPIObject>;
  private last: OpenAPIObject | undefined;

  /** `clock` counts ages in milliseconds (never 0); tests step their own. */
  constructor(build: () => Promise<BuiltDocument>, clock?: { now(): number }) {
    this.held = new LRUCache<'merged', OpenAPIObject>({
      max: 1,
      ttl: MERGED_DOCUMENT_TTL_MS,
      ...(clock ? { perf: clock, ttlResolution: 0 } : {}),
      fetchMethod: async (_key, _stale, { options }) => {
        const { document, complete } = await build();
        if (!complete) options.ttl = PARTIAL_DOCUMENT_TTL_MS;
        this.last = document;
        return document;
      },
    });
  }

  /** The document held, or one built now when none is held or it has aged out. */
  async current(): Promise<OpenAPIObject> {
    const document = await this.held.fetch('merged');
    // fetchMethod always returns a document or throws; lru-cache types the abort case as undefined.
    if (document === undefined) throw new Error('the merged API document was not built');
    return document;
  }

  /**
   * The last document built, however old, or none yet, without waiting: for what answers on the
   * request path, where a service slow to send its document must not slow the request. One not
   * held (aged out, or never built) is built behind it, shared with any build under way.
   */
  known(): OpenAPIObject | undefined {
    // A build that fails is not held; the next caller starts another.
    if (!this.held.has('merged')) this.current().catch(() => undefined);
    return this.last;
  }
}
