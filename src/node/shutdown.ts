import type { Server } from 'node:http';
import type { ServerType } from '@hono/node-server';

/**
 * Stops a server the polite way: no new connections, idle keep-alive
 * connections closed, requests in flight answered (their connections close
 * after the response), and after `timeoutMs` whatever is left is cut.
 * Resolves once the server has closed.
 */
export function closeGracefully(server: ServerType, timeoutMs: number): Promise<void> {
  const http = server as Server;
  return new Promise((resolve) => {
    // A response still to be sent tells its client not to reuse the connection.
    http.on('request', (_request, response) => response.setHeader('Connection', 'close'));
    const timer = setTimeout(() => http.closeAllConnections(), timeoutMs);
    timer.unref();
    // Connections that become idle once their response is sent are closed too.
    const sweep = setInterval(() => http.closeIdleConnections(), 50);
    sweep.unref();
    http.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve();
    });
    http.closeIdleConnections();
  });
}
