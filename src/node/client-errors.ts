import { STATUS_CODES, maxHeaderSize, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from '../cards/errors.ts';
import { errorResponse } from '../http/error-response.ts';
import type { ServerTimeouts } from './config.ts';

/**
 * What Node's HTTP parser refused before the app saw a request, as the
 * app's ApiError: headers too large (431), a chunk extension too large
 * (413), a client too slow (408), anything else unparseable (400).
 */
export function clientErrorOf(error: NodeJS.ErrnoException, timeouts: ServerTimeouts): ApiError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ApiError(
        431,
        'header_fields_too_large',
        `The request's header fields are larger than the ${maxHeaderSize} bytes allowed.`,
      );
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new ApiError(413, 'content_too_large', 'The chunk extensions of the request body are larger than allowed.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ApiError(
        408,
        'request_timeout',
        `The request did not arrive in time: headers are allowed ${timeouts.headersMs} ms, the whole request ${timeouts.requestMs} ms.`,
      );
    default:
      return new ApiError(400, 'bad_request', `The request is not valid HTTP/1.1 (${error.code ?? 'unreadable'}).`);
  }
}

/**
 * A `clientError` listener for a node:http server: answers the refused
 * request with the app's one error response (JSON, see errorResponse) and
 * `Connection: close`, then closes the connection. Nothing is written when
 * the client is gone or a response on that connection has begun.
 */
export function answerClientError(timeouts: ServerTimeouts) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    const current = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || current?.headersSent) {
      socket.destroy();
      return;
    }
    const response = errorResponse(clientErrorOf(error, timeouts));
    void response.arrayBuffer().then((body) => {
      const head = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status]}`];
      for (const [name, value] of response.headers) head.push(`${name}: ${value}`);
      head.push(`Content-Length: ${body.byteLength}`, 'Connection: close', '', '');
      socket.end(Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), Buffer.from(body)]), () => socket.destroy());
    });
  };
}
