// The console's only way to the platform: the public REST API, same origin, with the officer's key.
import type { Alert, AlertContext, AuditEvent, AuditVerification, BlocklistEntry, BlocklistImport, Decision, Me, Page, Problem, Wallet } from './types';

/** A non-2xx answer, with its problem details (RFC 9457) when the API sent them. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(describeProblem(problem));
  }
}

/** A problem in words: its title, its detail and each field it names. */
export function describeProblem(problem: Problem): string {
  const head = [problem.title, problem.detail].filter(Boolean).join(': ') || `The platform answered ${problem.status}`;
  const fields = (problem.errors ?? []).map((error) => `${error.field}: ${error.message}`);
  return fields.length > 0 ? `${head} (${fields.join('; ')})` : head;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export class Api {
  constructor(private readonly key: string) {}

  private async call<T>(method: string, path: string, options: { query?: Query; json?: unknown; body?: Blob; contentType?: string } = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}`, accept: 'application/json, application/problem+json' };
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body) {
      headers['content-type'] = options.contentType ?? 'text/plain';
      body = options.body;
    }
    // Every POST may be retried by the browser or the officer: the key makes the retry harmless.
    if (method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
    let response: Response;
    try {
      response = await fetch(`/v1${path}${queryString(options.query)}`, { method, headers, body, cache: 'no-store', credentials: 'omit' });
    } catch {
      throw new ApiError({ status: 0, title: 'The platform did not answer', detail: 'Check the connection and try again' });
    }
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const problem = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Problem;
      throw new ApiError({ ...problem, status: response.status });
    }
    return parsed as T;
  }

  me = () => this.call<Me>('GET', '/me');

  alerts = (query: { status?: string; severity?: string; subjectType?: string; overdue?: string; cursor?: string | null; limit?: number }) =>
    this.call<Page<Alert>>('GET', '/kyt/alerts', { query: { ...query, sort: 'dueAt' } });
  alert = (id: string) => this.call<Alert>('GET', `/kyt/alerts/${encodeURIComponent(id)}`);
  alertContext = (id: string) => this.call<AlertContext>('GET', `/kyt/alerts/${encodeURIComponent(id)}/context`);
  assign = (id: string, assignee?: string) => this.call<Alert>('POST', `/kyt/alerts/${encodeURIComponent(id)}/assign`, { json: assignee ? { assignee } : {} });
  comment = (id: string, text: string) => this.call<Alert>('POST', `/kyt/alerts/${encodeURIComponent(id)}/comments`, { json: { text } });
  escalate = (id: string, reason: string) => this.call<Alert>('POST', `/kyt/alerts/${encodeURIComponent(id)}/escalate`, { json: { reason } });
  decide = (id: string, decision: Decision, resolutionCode: string, reason: string) =>
    this.call<Alert>('POST', `/kyt/alerts/${encodeURIComponent(id)}/decision`, { json: { decision, resolutionCode, reason } });
  approve = (id: string, comment?: string) => this.call<Alert>('POST', `/kyt/alerts/${encodeURIComponent(id)}/approve`, { json: comment ? { comment } : {} });
  sendBack = (id: string, reason: string) => this.call<Alert>('POST', `/kyt/alerts/${encodeURIComponent(id)}/send-back`, { json: { reason } });

  blocklist = (q?: string) => this.call<{ items: BlocklistEntry[] }>('GET', '/kyt/blocklist', { query: { q } });
  addToBlocklist = (address: string, reason: string, source: string) => this.call<BlocklistEntry>('POST', '/kyt/blocklist', { json: { address, reason, source } });
  removeFromBlocklist = (address: string) => this.call<void>('DELETE', `/kyt/blocklist/${encodeURIComponent(address)}`);
  previewImport = (file: Blob, contentType: string, source: string) =>
    this.call<BlocklistImport>('POST', '/kyt/blocklist/imports/preview', { query: { source }, body: file, contentType });
  importBlocklist = (file: Blob, contentType: string, source: string) => this.call<BlocklistImport>('POST', '/kyt/blocklist/imports', { query: { source }, body: file, contentType });

  wallet = (id: string) => this.call<Wallet>('GET', `/wallets/${encodeURIComponent(id)}`);
  freeze = (id: string, reason: string, units?: string) => this.call<Wallet>('POST', `/wallets/${encodeURIComponent(id)}/freeze`, { json: units ? { reason, units } : { reason } });
  unfreeze = (id: string, reason: string) => this.call<Wallet>('POST', `/wallets/${encodeURIComponent(id)}/unfreeze`, { json: { reason } });

  auditEvents = (query: { entityType?: string; entityId?: string; cursor?: string | null; limit?: number }) => this.call<Page<AuditEvent>>('GET', '/audit-events', { query });
  auditVerification = () => this.call<AuditVerification>('GET', '/audit-events/verification');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 300) };
  }
}

/** The media type of an OFAC SDN file, by its name (the API takes XML or CSV as the body). */
export function sdnContentType(fileName: string): string {
  if (/\.xml$/i.test(fileName)) return 'application/xml';
  if (/\.csv$/i.test(fileName)) return 'text/csv';
  return 'text/plain';
}
