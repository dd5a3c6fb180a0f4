import type { Server, ServerResponse } from 'node:http';

/** A server whose requests in flight are counted, so that it can stop the polite way. */
export interface GracefulServer {
  /**
   * Stops the server: no new connections; every response not yet begun
   * carries `Connection: close` (those in flight and any later one on an open
   * connection), so no client reuses a connection about to close; idle
   * keep-alive connections are closed; requests in flight are answered; after
   * `timeoutMs` whatever is left is cut. Resolves, once the server has
   * closed, with the number of requests that were cut (0 when all were
   * answered).
   */
  close(timeoutMs: number): Promise<number>;
}

/** Starts counting `server`'s requests in flight; call before it listens. */
export function trackRequests(server: Server): GracefulServer {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    if (closing) response.setHeader('Connection', 'close');
  });

  return {
    close(timeoutMs) {
      closing = true;
      for (const response of inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
      return new Promise((resolve) => {
        let cut = 0;
        const timer = setTimeout(() => {
          cut = inFlight.size;
          server.closeAllConnections();
        }, timeoutMs);
        timer.unref();
        // Connections that become idle once their response is sent are closed too.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        sweep.unref();
        server.close(() => {
          clearTimeout(timer);
          clearInterval(sweep);
          resolve(cut);
        });
        server.closeIdleConnections();
      });
    },
  };
}
