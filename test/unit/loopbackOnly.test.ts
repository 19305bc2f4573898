import net from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

describe('the network in tests', () => {
  it('refuses a connection to another machine, saying why', async () => {
    // 192.0.2.0/24 is TEST-NET-1: never routed, so without the guard this would hang, not connect.
    const refused = await fetch('http://192.0.2.1/').then(
      () => undefined,
      (error: unknown) => error as Error & { cause?: Error },
    );
    expect(refused?.cause?.message ?? refused?.message).toMatch(/tests may not reach the network/);
    expect(() => net.connect(443, 'example.com')).toThrow(/tests may not reach the network/);
  });

  it('lets loopback through', async () => {
    const server = net.createServer((socket) => socket.end('ok'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    const [data] = (await once(socket, 'data')) as [Buffer];
    expect(data.toString()).toBe('ok');
    socket.destroy();
    server.close();
  });
});
