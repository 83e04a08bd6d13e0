import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of a server, for network trouble on purpose: `cut()` destroys every
 * open connection (a network blip as the client sees it) and refuses new ones until `restore()`;
 * `stall()` holds back what the server sends (a server that is slow to answer: the client's
 * requests still reach it) until `resume()` lets it through, late. `connections()` counts the
 * clients connected now, as the server sees them.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const clients = new Set<net.Socket>();
  let refusing = false;
  let stalled = false;
  const held: { client: net.Socket; chunk: Buffer }[] = [];
  const server = net.createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    clients.add(client);
    client.pipe(upstream);
    // Server → client by hand, so that stall() can hold it back.
    upstream.on("data", (chunk: Buffer) => {
      if (stalled) held.push({ client, chunk });
      else client.write(chunk);
    });
    upstream.on("end", () => client.end());
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      clients.delete(client);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    /** Drops every connection now and refuses new ones. */
    cut() {
      refusing = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
      clients.clear();
    },
    restore() {
      refusing = false;
    },
    /** Holds back everything the server sends from now on (requests still go through). */
    stall() {
      stalled = true;
    },
    /** Sends what was held back, in order, and forwards as usual again. */
    resume() {
      stalled = false;
      for (const { client, chunk } of held.splice(0)) if (!client.destroyed) client.write(chunk);
    },
    /** Client connections open right now. */
    connections: () => clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
