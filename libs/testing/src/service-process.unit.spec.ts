import { AddressInfo, Server, createServer } from 'node:net';
import { ServiceProcess } from './service-process';

describe('a service process', () => {
  let taken: Server;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
  });

  it('refuses a port something already listens on, before starting anything that could be mistaken for it', async () => {
    const port = (taken.address() as AddressInfo).port;
    await expect(new ServiceProcess('intake', port).start()).rejects.toThrow(`intake: port ${port} is in use`);
  });
});
