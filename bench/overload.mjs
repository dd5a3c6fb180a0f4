// Floods a server with uncached cards from its own process, so the client timing /healthz in the
// bench is not slowed by this one: `node bench/overload.mjs PORT SECONDS CONNECTIONS PATHS_FILE`.
// Prints autocannon's result as JSON.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [port, seconds, connections, pathsFile] = process.argv.slice(2);
const paths = JSON.parse(readFileSync(pathsFile, 'utf8'));
let next = 0;
const result = await autocannon({
  url: `http://127.0.0.1:${port}`,
  duration: Number(seconds),
  connections: Number(connections),
  requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
});
process.stdout.write(JSON.stringify({ requests: result.requests, latency: result.latency, non2xx: result.non2xx, errors: result.errors }));
