// A JSON-RPC fault proxy for the chaos run: forwards POSTs to the chain node, but drops about
// `dropRate` of them (half before they reach the node, half after: the node acted but the answer
// is lost, the nastier case for a sender) and delays `delayRate` of the others by up to `maxDelayMs`.
import { createServer, type Server } from 'node:http';

export interface FaultProxyOptions {
  target: string;
  port: number;
  dropRate: number;
  delayRate: number;
  maxDelayMs: number;
}

export interface FaultProxyStats {
  forwarded: number;
  droppedBefore: number;
  droppedAfter: number;
  delayed: number;
}

export function startFaultProxy(options: FaultProxyOptions): { server: Server; stats: FaultProxyStats; close: () => Promise<void> } {
  const stats: FaultProxyStats = { forwarded: 0, droppedBefore: 0, droppedAfter: 0, delayed: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const roll = Math.random();
      if (roll < options.dropRate / 2) {
        stats.droppedBefore++;
        request.socket.destroy();
        return;
      }
      if (Math.random() < options.delayRate) {
        stats.delayed++;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * options.maxDelayMs));
      }
      try {
        const upstream = await fetch(options.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
        const body = Buffer.from(await upstream.arrayBuffer());
        if (roll < options.dropRate) {
          stats.droppedAfter++;
          request.socket.destroy();
          return;
        }
        stats.forwarded++;
        response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
      } catch {
        request.socket.destroy();
      }
    });
  });
  server.listen(options.port, '127.0.0.1');
  return { server, stats, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
