import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildAsyncApiDocument } from './asyncapi';
import { EVENT_CATALOG } from './catalog';
import { TOPICS } from './topics';
import * as contracts from './index';

interface Message {
  name: string;
  headers: Record<string, unknown>;
  payload: Record<string, unknown>;
  bindings: { kafka: { key: Record<string, unknown> } };
  examples: { headers: Record<string, string>; payload: unknown }[];
}
interface AsyncApi {
  info: { version: string };
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, Message> };
}

const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
const document = buildAsyncApiDocument(version) as unknown as AsyncApi;
const messages = Object.values(document.components.messages);

describe('the AsyncAPI document', () => {
  it('is a valid AsyncAPI 3 document, without errors or warnings from @asyncapi/parser', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    // Severity 0 is an error, 1 a warning.
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed?.allMessages().length).toBe(EVENT_CATALOG.length);
    expect(parsed?.allChannels().length).toBe(new Set(EVENT_CATALOG.map((d) => d.topic)).size);
  });

  it('lists every event the services publish, on its topic, with its schema', () => {
    expect(messages.map((m) => m.name).sort()).toEqual(EVENT_CATALOG.map((d) => d.type).sort());
    for (const definition of EVENT_CATALOG) {
      const [key] = Object.entries(document.components.messages).find(([, m]) => m.name === definition.type) ?? [];
      expect(document.channels[definition.topic]?.messages[key ?? '']).toEqual({ $ref: `#/components/messages/${key ?? ''}` });
      expect(document.channels[definition.topic]?.address).toBe(definition.topic);
    }
  });

  it('knows every event contract the contracts lib exports, so none is published undocumented', () => {
    const isDefinition = (value: unknown): value is { type: string } =>
      typeof value === 'object' && value !== null && 'type' in value && 'topic' in value && 'schema' in value && 'aggregate' in value;
    const exported = Object.values(contracts).flatMap((value: unknown) => (Array.isArray(value) ? value : [value])).filter(isDefinition);
    expect(exported.length).toBeGreaterThan(0);
    const documented = new Set(messages.map((m) => m.name));
    for (const { type } of exported) expect({ type, documented: documented.has(type) }).toEqual({ type, documented: true });
  });

  it('gives every message an example whose headers, key and data validate against its own schemas', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const message of messages) {
      expect(message.examples.length).toBeGreaterThan(0);
      for (const example of message.examples) {
        const problems = (schema: Record<string, unknown>, value: unknown): string[] => {
          const validate = ajv.compile(schema);
          return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
        };
        expect({ type: message.name, headers: problems(message.headers, example.headers) }).toEqual({ type: message.name, headers: [] });
        expect({ type: message.name, payload: problems(message.payload, example.payload) }).toEqual({ type: message.name, payload: [] });
        expect(problems(message.bindings.kafka.key, example.headers['ce_subject'])).toEqual([]);
        expect(example.headers['ce_type']).toBe(message.name);
      }
    }
  });

  it('refuses headers a published event would not carry', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const message = messages[0];
    if (message === undefined) throw new Error('no messages');
    const validate = ajv.compile(message.headers);
    const good = message.examples[0]?.headers ?? {};
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, ce_type: 'something.else.v1' })).toBe(false);
    const { ce_subject: _subject, ...withoutSubject } = good;
    expect(validate(withoutSubject)).toBe(false);
  });

  it('describes only the events given, on their topics: what one service publishes', () => {
    const intake = buildAsyncApiDocument(version, EVENT_CATALOG.filter((d) => d.topic === TOPICS.intake)) as unknown as AsyncApi;
    expect(Object.keys(intake.channels)).toEqual([TOPICS.intake]);
    expect(Object.values(intake.components.messages).map((m) => m.name).sort()).toEqual(
      EVENT_CATALOG.filter((d) => d.topic === TOPICS.intake).map((d) => d.type).sort(),
    );
  });

  it('is what docs/asyncapi.json holds (run `npm run build && npm run asyncapi` after changing a contract)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'asyncapi.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
