import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

export interface JwksServer {
  readonly url: string;
  /** How many times the key set was fetched; lets tests prove caching and refetching. */
  readonly hits: () => number;
  readonly close: () => Promise<void>;
}

/** Serves a fixed JWKS on 127.0.0.1 at a random port, standing in for an identity provider. */
export async function startJwksServer(keys: readonly JWK[]): Promise<JwksServer> {
  let hits = 0;
  const server: Server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    hits += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets from jose's fetch would otherwise hold close() open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
