// A stand-in for an external KYT screening service, run as its own process by the e2e global
// setup so that it outlives jest's module contexts. The tests steer it over HTTP:
//   POST /__control {"mode": "up" | "down"}   -> 204 ("down": every screening call answers 503)
// Screening calls (POST /v1/screen/address, /v1/screen/order) answer a clean verdict when up.
// Usage: node kyt-stub-service.mjs <port>
import { createServer } from 'node:http';

let mode = 'up';
const port = Number(process.argv[2]);

createServer((request, response) => {
  let raw = '';
  request.on('data', (chunk) => (raw += chunk));
  request.on('end', () => {
    if (request.url === '/__control') {
      mode = JSON.parse(raw || '{}').mode === 'down' ? 'down' : 'up';
      response.writeHead(204).end();
      return;
    }
    if (request.headers.authorization !== `Bearer ${process.env.KYT_STUB_KEY}`) {
      response.writeHead(401).end();
      return;
    }
    if (mode === 'down') {
      response.writeHead(503).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ score: 0, level: 'LOW', reasons: [] }));
  });
}).listen(port, '127.0.0.1');
