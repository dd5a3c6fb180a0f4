import { Server as NetServer, type Socket } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** A server whose requests in flight are counted, so that it can stop the polite way. */
export interface GracefulServer {
  /**
   * Stops the server: no new connections; every response not yet begun
   * carries `Connection: close` (those in flight and any later one on an open
   * connection), so no client reuses a connection about to close; keep-alive
   * connections waiting for another request are closed; requests in flight
   * are answered; after `timeoutMs` whatever is left is cut. Resolves, once
   * the server has closed, with the number of requests that were cut (0 when
   * all were answered).
   */
  close(timeoutMs: number): Promise<number>;
}

/** Starts counting `server`'s requests in flight; call before it listens. */
export function trackRequests(server: Server): GracefulServer {
  const inFlight = new Map<ServerResponse, Socket>();
  // Connections that have answered a request and wait for the next one.
  const waiting = new Set<Socket>();
  let closing = false;
  // Once per connection: a keep-alive connection carries many requests.
  server.on('connection', (socket: Socket) => socket.once('close', () => waiting.delete(socket)));
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    inFlight.set(response, socket);
    waiting.delete(socket);
    if (closing) response.setHeader('Connection', 'close');
    response.once('close', () => {
      inFlight.delete(response);
      if (socket.destroyed) return;
      if (!closing) waiting.add(socket);
      // A response begun before shutdown said keep-alive: its connection ends now.
      else if (![...inFlight.values()].includes(socket)) socket.end();
    });
  });

  return {
    close(timeoutMs) {
      closing = true;
      for (const response of inFlight.keys()) if (!response.headersSent) response.setHeader('Connection', 'close');
      return new Promise((resolve) => {
        let cut = 0;
        const timer = setTimeout(() => {
          cut = inFlight.size;
          server.closeAllConnections();
        }, timeoutMs);
        timer.unref();
        // net's close, not http's: http's also closes every connection without
        // a request in progress, including one just accepted whose request is
        // still unread, which its client sees as a reset. Such a connection is
        // answered (with Connection: close) instead.
        NetServer.prototype.close.call(server, () => {
          clearTimeout(timer);
          resolve(cut);
        });
        for (const socket of waiting) if (![...inFlight.values()].includes(socket)) socket.destroy();
      });
    },
  };
}
