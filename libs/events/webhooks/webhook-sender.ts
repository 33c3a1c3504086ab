import { Agent as HttpAgent, request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { SignedHeaders } from './signing.js';
import { WebhookTargetGuard, WebhookTargetRefused } from './target-guard.js';

/** What one attempt came to: a status (2xx is delivered), or why there was none. */
export type SendOutcome = { statusCode: number } | { error: string };

const MAX_RESPONSE_BYTES = 64 * 1024;

/** Idle keep-alive connections are closed after this (or sooner when the endpoint's Keep-Alive hint says so). */
const IDLE_SOCKET_MS = 4000;
/**
 * Connections open at once to one endpoint; further attempts wait for one of them (within their
 * timeout). Without a bound a burst opens a connection per attempt, and most are closed again idle.
 */
const SOCKETS_PER_ENDPOINT = 32;
/** Agents kept per guard; beyond this many origins the oldest is closed (a bound on idle sockets). */
const MAX_AGENTS = 1000;
const agentsByGuard = new WeakMap<WebhookTargetGuard, Map<string, HttpAgent>>();

/**
 * The keep-alive agent of one origin. Its `lookup` is the guard's: every NEW connection goes to the
 * addresses the guard resolved and checked at that moment, so a DNS answer changed since the
 * subscription (rebinding) cannot reach a private address; a reused connection is one already
 * checked when it was made.
 */
function agentFor(guard: WebhookTargetGuard, url: URL): HttpAgent {
  let agents = agentsByGuard.get(guard);
  if (!agents) agentsByGuard.set(guard, (agents = new Map()));
  const key = url.origin;
  const known = agents.get(key);
  if (known) {
    agents.delete(key);
    agents.set(key, known); // most recently used last
    return known;
  }
  const lookup: RequestOptions['lookup'] = (hostname, options, callback) => {
    guard.resolve(hostname).then(
      (addresses: LookupAddress[]) => {
        if ((options as { all?: boolean }).all) (callback as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
  const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, maxSockets: SOCKETS_PER_ENDPOINT, scheduling: 'lifo' as const, lookup };
  const agent = url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
  agents.set(key, agent);
  if (agents.size > MAX_AGENTS) {
    const [oldestKey, oldest] = agents.entries().next().value as [string, HttpAgent];
    agents.delete(oldestKey);
    oldest.destroy();
  }
  return agent;
}

/**
 * POSTs one delivery, on a keep-alive connection of the endpoint's agent (see agentFor: each new
 * connection is checked by the guard when it is made). Redirects are not followed (a 3xx is a
 * failed attempt). The whole exchange is bounded by `timeoutMs`; the answer's body is read (up to
 * 64 KiB) and dropped. A reused connection the endpoint had closed meanwhile (ECONNRESET before any
 * answer) is tried once more on a new one (a possible duplicate carries the same webhook-id).
 */
export function sendWebhook(guard: WebhookTargetGuard, rawUrl: string, headers: SignedHeaders, body: string, timeoutMs: number): Promise<SendOutcome> {
  let url: URL;
  try {
    url = guard.checkUrl(rawUrl);
  } catch (error) {
    return Promise.resolve({ error: (error as Error).message });
  }
  const agent = agentFor(guard, url);
  const deadline = Date.now() + timeoutMs;
  return attempt(true);

  function attempt(mayRetryReused: boolean): Promise<SendOutcome> {
    return new Promise<SendOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: SendOutcome | 'retry') => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome === 'retry' ? attempt(false) : outcome);
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString(), 'user-agent': 'rwa-webhooks/1', ...headers },
          agent,
        },
        (res) => {
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > MAX_RESPONSE_BYTES) res.destroy();
          });
          const done = () => finish({ statusCode: res.statusCode ?? 0 });
          res.on('end', done);
          res.on('close', done);
          res.on('error', done);
        },
      );
      const timer = setTimeout(
        () => {
          req.destroy();
          finish({ error: `no answer within ${timeoutMs} ms` });
        },
        Math.max(1, deadline - Date.now()),
      );
      req.on('error', (error) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (mayRetryReused && req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE') && Date.now() < deadline) return finish('retry');
        finish({ error: error instanceof WebhookTargetRefused ? error.message : `request failed: ${code ?? error.message}` });
      });
      req.end(body);
    });
  }
}

export function isDelivered(outcome: SendOutcome): boolean {
  return 'statusCode' in outcome && outcome.statusCode >= 200 && outcome.statusCode < 300;
}
