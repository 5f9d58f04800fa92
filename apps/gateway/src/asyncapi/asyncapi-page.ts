import type { FastifyInstance } from 'fastify';
import { buildAsyncApiDocument } from '@cs/contracts';

interface MessageView {
  name?: string;
  summary?: string;
  headers?: unknown;
  payload?: unknown;
  bindings?: { kafka?: { key?: unknown } };
  examples?: { headers?: unknown; payload?: unknown }[];
}
interface DocumentView {
  info?: { title?: string; version?: string; description?: string };
  channels?: Record<string, { address?: string; description?: string; messages?: Record<string, { $ref?: string }> }>;
  components?: { messages?: Record<string, MessageView> };
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const json = (value: unknown): string => (value === undefined ? '<p>—</p>' : `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`);
const anchor = (text: string): string => text.replace(/[^a-zA-Z0-9_.-]/g, '-');

/**
 * The AsyncAPI document as one self-contained HTML page: every topic, every event on it with
 * its summary, CloudEvents headers, key, data schema and an example. Rendered on the server with
 * no script or stylesheet from elsewhere, so it works inside a network without internet.
 */
export function renderAsyncApiPage(document: Record<string, unknown>): string {
  const doc = document as DocumentView;
  const messages = doc.components?.messages ?? {};
  const channels = Object.entries(doc.channels ?? {}).map(([name, channel]) => {
    const items = Object.values(channel.messages ?? {}).map((ref) => {
      const key = (ref.$ref ?? '').split('/').at(-1) ?? '';
      const m = messages[key] ?? {};
      const type = m.name ?? key;
      return [
        `<section id="${escape(anchor(type))}"><h3><code>${escape(type)}</code></h3>`,
        `<p>${escape(m.summary ?? '')}</p>`,
        `<details><summary>Headers (CloudEvents)</summary>${json(m.headers)}</details>`,
        `<details><summary>Key</summary>${json(m.bindings?.kafka?.key)}</details>`,
        `<details open><summary>Data (JSON Schema)</summary>${json(m.payload)}</details>`,
        ...(m.examples ?? []).map((e) => `<details><summary>Example</summary>${json(e)}</details>`),
        '</section>',
      ].join('\n');
    });
    return `<h2 id="${escape(anchor(name))}">Topic <code>${escape(channel.address ?? name)}</code></h2>\n<p>${escape(channel.description ?? '')}</p>\n${items.join('\n')}`;
  });
  const toc = Object.values(messages)
    .map((m) => `<li><a href="#${escape(anchor(m.name ?? ''))}"><code>${escape(m.name ?? '')}</code></a> — ${escape(m.summary ?? '')}</li>`)
    .join('\n');
  const title = `${doc.info?.title ?? 'Events'} ${doc.info?.version ?? ''}`.trim();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto}section{border-top:1px solid #ddd;margin-top:1rem}</style>
</head><body>
<h1>${escape(title)}</h1>
<p>${escape(doc.info?.description ?? '')}</p>
<p>Machine-readable: <a href="asyncapi.json">asyncapi.json</a> (AsyncAPI 3.0).</p>
<ul>
${toc}
</ul>
${channels.join('\n')}
</body></html>
`;
}

/**
 * `/asyncapi.json` and the page at `/asyncapi`, public like /docs. The gateway is built from the
 * same contracts as the services, so it describes every event without asking them.
 */
export function installAsyncApiPage(fastify: FastifyInstance, version: string): void {
  const document = buildAsyncApiDocument(version);
  const page = renderAsyncApiPage(document);
  fastify.get('/asyncapi.json', async (_request, reply) => reply.header('cache-control', 'no-cache').send(document));
  fastify.get('/asyncapi', async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page),
  );
}
