import type { FastifyInstance } from 'fastify';

/**
 * A request still being answered when the server shuts down leaves no connection behind it.
 * Closing the HTTP server lets go of the connections idle then; one whose request was in hand
 * became idle after, and Node kept it for the client's next request: the server waited for it as
 * long as the client kept it (the ingress a minute, Fastify's own limit 72 s), past the shutdown
 * bound. So an answer sent once the shutdown began says `Connection: close`, and a connection
 * whose answer ends then (one whose headers went before) is let go as it turns idle. A live
 * stream's answer says the same itself (ServerSentEvents).
 */
export function installConnectionsAtShutdown(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    // Hop-by-hop headers are HTTP/1's: HTTP/2 refuses them.
    if (closing && request.raw.httpVersionMajor === 1 && !reply.raw.headersSent) void reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('onResponse', (_request, _reply, done) => {
    // An HTTP/2 server has no idle connections of this kind to let go (nor the method).
    if (closing && 'closeIdleConnections' in fastify.server) fastify.server.closeIdleConnections();
    done();
  });
}
