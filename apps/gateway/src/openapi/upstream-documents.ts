import type { OpenAPIObject } from '@nestjs/swagger';
import type { ServiceDocument } from './merge-documents';

const FETCH_TIMEOUT_MS = 3_000;

export interface FetchedDocuments {
  readonly parts: ServiceDocument[];
  readonly unavailable: string[];
}

/**
 * Each service's current `/docs-json`, fetched when the merged document is asked for, so the
 * merged document is always what the running services serve; a service that does not answer in
 * time is reported rather than failing the whole document.
 */
export async function fetchServiceDocuments(upstreams: Readonly<Record<string, string>>): Promise<FetchedDocuments> {
  const results = await Promise.all(
    Object.entries(upstreams).map(async ([service, baseUrl]) => {
      try {
        const response = await fetch(`${baseUrl}/docs-json`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
        if (!response.ok) return { service };
        return { service, document: (await response.json()) as OpenAPIObject };
      } catch {
        return { service };
      }
    }),
  );
  return {
    parts: results.flatMap((r) => (r.document ? [{ service: r.service, document: r.document }] : [])),
    unavailable: results.filter((r) => !r.document).map((r) => r.service),
  };
}
