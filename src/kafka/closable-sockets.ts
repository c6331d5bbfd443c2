// kafkajs reconnects on demand: a consumer that is still finishing a batch after disconnect()
// returned (seen after a broker restart: the batch's heartbeat) opens a new connection, and that
// socket keeps the kernel's event loop busy for good. Each kafkajs client of a stream therefore
// gets its sockets from here; `close()` destroys the open ones and refuses new ones.
import net from 'node:net';
import tls from 'node:tls';
import type { ISocketFactory } from 'kafkajs';

/** kafkajs's own factory (src/network/socketFactory.js), used when the caller passes none. */
const plainFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl
    ? tls.connect({ host, port, ...(!net.isIP(host) ? { servername: host } : {}), ...ssl }, onConnect)
    : net.connect({ host, port }, onConnect);
  socket.setKeepAlive(true, 60_000);
  return socket;
};

/** A socket factory that can be shut. */
export interface ClosableSockets {
  factory: ISocketFactory;
  /** Destroys the open sockets; later connection attempts fail at once. */
  close(): void;
  readonly open: number;
}

/**
 * Wraps `inner` (default: what kafkajs does) so that its sockets can be closed all at once.
 *
 * @example
 * const sockets = closableSockets();
 * const kafka = new Kafka({ ...config, socketFactory: sockets.factory });
 * // after consumer.disconnect():
 * sockets.close();
 */
export function closableSockets(inner: ISocketFactory = plainFactory): ClosableSockets {
  const live = new Set<net.Socket>();
  let closed = false;
  return {
    factory(args) {
      if (closed) {
        const refused = new net.Socket();
        process.nextTick(() => refused.destroy(new Error('this Kafka client was closed by journal-lens')));
        return refused;
      }
      const socket = inner(args);
      live.add(socket);
      socket.once('close', () => live.delete(socket));
      return socket;
    },
    close() {
      closed = true;
      // With an error: kafkajs watches 'error' and 'end', not 'close'; a plain destroy() would leave
      // its connection marked connected and its request-timeout interval running.
      for (const socket of live) socket.destroy(new Error('this Kafka client was closed by journal-lens'));
      live.clear();
    },
    get open() {
      return live.size;
    },
  };
}
