import { useState, type FormEvent } from 'react';
import type { AuditEvent } from '../types';
import { AUDIT_ENTITY_TYPES } from '../types';
import { ActionOutcome, formatTime, humanize, PageHeading, ProblemMessage, TableRegion, useAction, useLoad, useSession } from '../ui';

/** The audit trail of one subject, newest pages on demand, and the hash chain's verification. */
export function AuditView({ entityType, entityId }: { entityType: string | null; entityId: string | null }) {
  const [type, setType] = useState(entityType ?? 'kyt_alert');
  const [id, setId] = useState(entityId ?? '');
  return (
    <section aria-labelledby="audit-heading">
      <div id="audit-heading">
        <PageHeading>Audit</PageHeading>
      </div>
      <Verification />
      <form
        className="filters card"
        aria-label="Find a subject's trail"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          window.location.hash = `#/audit?entityType=${encodeURIComponent(type)}&entityId=${encodeURIComponent(id.trim())}`;
        }}
      >
        <div className="field">
          <label htmlFor="audit-type">Subject type</label>
          <select id="audit-type" value={type} onChange={(event) => setType(event.target.value)}>
            {AUDIT_ENTITY_TYPES.map((option) => (
              <option key={option} value={option}>
                {humanize(option)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="audit-id">Subject id</label>
          <input id="audit-id" value={id} onChange={(event) => setId(event.target.value)} placeholder="UUID" spellCheck={false} />
        </div>
        <div className="field">
          <button type="submit">Show the trail</button>
        </div>
      </form>
      {entityType && entityId ? <AuditTrail entityType={entityType} entityId={entityId} heading={`Trail of ${humanize(entityType)} ${entityId}`} /> : null}
    </section>
  );
}

function Verification() {
  const { api } = useSession();
  const action = useAction();
  const [result, setResult] = useState<Awaited<ReturnType<typeof api.auditVerification>> | null>(null);
  return (
    <section aria-labelledby="verification-heading" className="card">
      <h2 id="verification-heading">Verification of the trail</h2>
      {result ? (
        <p className={result.valid ? 'result' : 'problem'}>
          {result.valid
            ? `Intact: ${result.checkedRows} rows checked, every hash matches (${result.unsealedRows} rows not sealed yet), at ${formatTime(result.verifiedAt)}.`
            : `Broken at row ${result.firstBroken?.seq}: ${humanize(result.firstBroken?.problem ?? 'unknown')}. ${result.checkedRows} rows checked, at ${formatTime(result.verifiedAt)}.`}
        </p>
      ) : (
        <p>Recomputes the hash chain of every audit row and reports the first broken one.</p>
      )}
      <button
        type="button"
        disabled={action.busy}
        onClick={() =>
          void action.run(
            () => api.auditVerification(),
            (answer) => {
              setResult(answer);
              return answer.valid ? `Audit trail intact (${answer.checkedRows} rows)` : `Audit trail broken at row ${answer.firstBroken?.seq}`;
            },
          )
        }
      >
        {action.busy ? 'Verifying…' : 'Verify the trail now'}
      </button>
      <ProblemMessage problem={action.problem} />
    </section>
  );
}

/** Every audit row of one subject, oldest first, fifty at a time. */
export function AuditTrail({ entityType, entityId, heading }: { entityType: string; entityId: string; heading: string }) {
  const { api } = useSession();
  const first = useLoad(() => api.auditEvents({ entityType, entityId, limit: 50 }), [api, entityType, entityId]);
  const more = useAction();
  const [extra, setExtra] = useState<{ items: AuditEvent[]; nextCursor: string | null } | null>(null);
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const nextCursor = extra ? extra.nextCursor : (first.data?.nextCursor ?? null);
  return (
    <section aria-label={heading} className="card">
      <h2>{heading}</h2>
      <ProblemMessage problem={first.problem} />
      {first.data ? (
        <TableRegion label={heading}>
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Status</th>
                <th scope="col">By</th>
                <th scope="col">Reason and data</th>
                <th scope="col">Sealed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <tr key={event.seq}>
                  <td>{formatTime(event.at)}</td>
                  <td>{humanize(event.action)}</td>
                  <td>{event.toStatus ? `${event.fromStatus ? `${humanize(event.fromStatus)} → ` : ''}${humanize(event.toStatus)}` : '—'}</td>
                  <td className="mono">{event.actor}</td>
                  <td>
                    {event.reason ?? ''} {Object.keys(event.data).length > 0 ? <span className="mono small">{JSON.stringify(event.data)}</span> : null}
                  </td>
                  <td>{event.hash ? 'yes' : 'not yet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {nextCursor ? (
        <button
          type="button"
          className="secondary"
          disabled={more.busy}
          onClick={() =>
            void more.run(
              () => api.auditEvents({ entityType, entityId, cursor: nextCursor, limit: 50 }),
              (page) => {
                setExtra({ items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
                return `${page.items.length} more audit rows`;
              },
            )
          }
        >
          More rows
        </button>
      ) : null}
      <ActionOutcome action={{ problem: more.problem, message: null }} />
    </section>
  );
}
