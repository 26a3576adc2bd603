// npm run fixture-server [-- <port>]: the tests' fixture server (test/support/fixture-server.ts),
// started by hand so that the examples can be tried without an API key or a network. It listens
// on 127.0.0.1 only, on the port given as the argument, else FIXTURE_SERVER_PORT, else 4010, and
// runs until Ctrl-C.
//
// The fixture server itself listens on a port of the OS's choosing (the tests run many at once);
// a person needs a port known in advance to set the SDKs' base URLs, so this script listens on
// that port and passes every request through to it, streamed both ways.
import { createServer, request as forward } from 'node:http';
import { startFixtureServer } from '../test/support/fixture-server.ts';

const port = Number(process.argv[2] ?? process.env.FIXTURE_SERVER_PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`fixture-server: "${process.argv[2] ?? process.env.FIXTURE_SERVER_PORT}" is not a port number`);
  process.exit(2);
}

const fixtures = await startFixtureServer();
const { hostname, port: fixturesPort } = new URL(fixtures.origin);
const front = createServer((request, response) => {
  const upstream = forward(
    { hostname, port: fixturesPort, method: request.method, path: request.url, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  // A fixture that drops the connection (x-fixture-drop) drops this one too.
  upstream.on('error', () => response.socket?.destroy());
  request.pipe(upstream);
});
front.on('error', (problem) => {
  console.error(`fixture-server: cannot listen on 127.0.0.1:${port}: ${problem.message}`);
  process.exit(1);
});
front.listen({ port, host: '127.0.0.1' }, () => {
  const origin = `http://127.0.0.1:${front.address().port}`;
  console.log(
    [
      `fixture server listening on ${origin} (Ctrl-C to stop)`,
      'Point the SDKs at it (any API key will do):',
      `  export OPENAI_BASE_URL=${origin}/v1 OPENAI_API_KEY=sk-fixture-not-a-real-key`,
      `  export ANTHROPIC_BASE_URL=${origin} ANTHROPIC_API_KEY=sk-ant-fixture-not-a-real-key`,
      'Each request is answered with a file under test/fixtures/, as the API would send it:',
      '  the header x-fixture: <folder>/<name> picks test/fixtures/<folder>/<name>.json or .sse;',
      '  without it, the endpoint\'s default fixture answers (DEFAULT_FIXTURES in test/support/fixture-server.ts);',
      '  a list, x-fixture: a,b,c, answers the requests that carry it with a, b, c in turn.',
    ].join('\n'),
  );
});

const stop = () => {
  front.close();
  front.closeAllConnections();
  void fixtures.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
