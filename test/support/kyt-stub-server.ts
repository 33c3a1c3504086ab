import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for an external KYT screening service, under the tests' control. */
export interface KytStub {
  url: string;
  /** `down`: every call answers 503; `slow`: answers after `delayMs`; `up`: answers verdicts. */
  mode: 'up' | 'down' | 'slow';
  delayMs: number;
  /** Verdicts by lowercase address; others are clean. */
  verdicts: Map<string, { score: number; level: string; reasons: { code: string; message: string }[] }>;
  calls: { path: string; body: Record<string, unknown>; authorization: string | undefined }[];
  /** Runs before each answer (the caller is waiting on it): for tests that look at the caller meanwhile. */
  onCall: (() => Promise<void>) | null;
  close(): Promise<void>;
}

export async function startKytStub(): Promise<KytStub> {
  const stub = { mode: 'up', delayMs: 0, verdicts: new Map(), calls: [], onCall: null } as unknown as KytStub;
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      stub.calls.push({ path: request.url ?? '', body, authorization: request.headers.authorization });
      const answer = () => {
        if (stub.mode === 'down') {
          response.writeHead(503).end();
          return;
        }
        const verdict = stub.verdicts.get(String(body.address).toLowerCase()) ?? { score: 0, level: 'LOW', reasons: [] };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(verdict));
      };
      const hook = stub.onCall ? stub.onCall() : Promise.resolve();
      void hook.then(() => {
        if (stub.mode === 'slow') setTimeout(answer, stub.delayMs);
        else answer();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return stub;
}
