import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { SignedHeaders } from './signing.js';
import { WebhookTargetGuard, WebhookTargetRefused } from './target-guard.js';

/** What one attempt came to: a status (2xx is delivered), or why there was none. */
export type SendOutcome = { statusCode: number } | { error: string };

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs one delivery. The connection goes to the addresses the guard resolved and checked at this
 * moment (its `lookup`), so a DNS answer changed since the subscription (rebinding) cannot reach a
 * private address. Redirects are not followed (a 3xx is a failed attempt). The whole exchange is
 * bounded by `timeoutMs`; the answer's body is read (up to 64 KiB) and dropped.
 */
export function sendWebhook(guard: WebhookTargetGuard, rawUrl: string, headers: SignedHeaders, body: string, timeoutMs: number): Promise<SendOutcome> {
  let url: URL;
  try {
    url = guard.checkUrl(rawUrl);
  } catch (error) {
    return Promise.resolve({ error: (error as Error).message });
  }
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const lookup: RequestOptions['lookup'] = (hostname, options, callback) => {
      guard.resolve(hostname).then(
        (addresses: LookupAddress[]) => {
          if ((options as { all?: boolean }).all) (callback as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
          else callback(null, addresses[0]!.address, addresses[0]!.family);
        },
        (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
      );
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        lookup,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString(), 'user-agent': 'rwa-webhooks/1', ...headers },
        agent: false,
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
    const timer = setTimeout(() => {
      req.destroy();
      finish({ error: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    req.on('error', (error) => finish({ error: error instanceof WebhookTargetRefused ? error.message : `request failed: ${(error as NodeJS.ErrnoException).code ?? error.message}` }));
    req.end(body);
  });
}

export function isDelivered(outcome: SendOutcome): boolean {
  return 'statusCode' in outcome && outcome.statusCode >= 200 && outcome.statusCode < 300;
}
