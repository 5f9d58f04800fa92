import { SERVICE_NAMES } from '@cs/config';
import { EVENT_CATALOG, TOPICS } from '@cs/contracts';
import { serviceAsyncApiDocument } from './asyncapi';

interface Document {
  channels: Record<string, { address: string }>;
  components?: { messages?: Record<string, { name: string }> };
}

describe('the AsyncAPI document a service serves at /asyncapi.json', () => {
  const documents = Object.fromEntries(SERVICE_NAMES.map((s) => [s, serviceAsyncApiDocument(s, '1.2.3') as unknown as Document]));
  const typesOf = (document: Document | undefined): string[] => Object.values(document?.components?.messages ?? {}).map((m) => m.name);

  it('describes the events on the service’s own topic, and no other topic', () => {
    for (const service of SERVICE_NAMES) {
      const document = documents[service];
      const expected = EVENT_CATALOG.filter((d) => d.topic === TOPICS[service]).map((d) => d.type);
      expect({ service, types: typesOf(document).sort() }).toEqual({ service, types: expected.sort() });
      const addresses = Object.values(document?.channels ?? {}).map((c) => c.address);
      expect({ service, addresses }).toEqual({ service, addresses: expected.length > 0 ? [TOPICS[service]] : [] });
    }
  });

  it('together, the services describe every event of the catalogue once', () => {
    const all = SERVICE_NAMES.flatMap((s) => typesOf(documents[s]));
    expect(all.sort()).toEqual(EVENT_CATALOG.map((d) => d.type).sort());
  });
});
