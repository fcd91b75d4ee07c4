// A TCP proxy in front of a backend's catalog, with three modes:
//   pass    forwards every connection to the target
//   refuse  closes its port (new connections are refused) and resets the open ones
//   hang    accepts connections and never answers; the open ones go silent too (and stay so)
import net from 'node:net';

export class CatalogProxy {
  constructor({ port, targetPort }) {
    this.port = port;
    this.targetPort = targetPort;
    this.mode = 'pass';
    this.connections = new Set();
    this.server = undefined;
  }

  async start() {
    await this.listen();
    return this;
  }

  listen() {
    const server = net.createServer(client => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  accept(client) {
    const entry = { client, upstream: undefined };
    this.connections.add(entry);
    client.on('error', () => undefined);
    client.on('close', () => {
      entry.upstream?.destroy();
      this.connections.delete(entry);
    });
    if (this.mode === 'hang') {
      // Read and drop whatever comes; never answer.
      client.on('data', () => undefined);
      return;
    }
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    entry.upstream = upstream;
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Cuts every open connection: in `hang` mode they go silent, otherwise they are reset. */
  cutConnections(mode) {
    for (const entry of this.connections) {
      if (mode === 'hang') {
        entry.client.unpipe();
        entry.upstream?.unpipe();
        entry.upstream?.destroy();
        entry.upstream = undefined;
        entry.client.on('data', () => undefined);
      } else {
        entry.client.resetAndDestroy?.() ?? entry.client.destroy();
      }
    }
  }

  async setMode(mode) {
    if (mode === this.mode) return;
    const previous = this.mode;
    this.mode = mode;
    if (mode === 'refuse') {
      this.cutConnections('reset');
      await new Promise(resolve => this.server.close(() => resolve()));
      this.server = undefined;
    } else if (mode === 'hang') {
      if (previous === 'refuse') await this.listen();
      this.cutConnections('hang');
    } else if (previous === 'refuse') {
      await this.listen();
    }
    // Back to pass from hang: connections that went silent stay silent, as behind a network
    // that dropped them; only new connections are forwarded.
  }

  async close() {
    this.cutConnections('reset');
    if (this.server) {
      await new Promise(resolve => this.server.close(() => resolve()));
    }
  }
}
