import { useState } from 'react';
import { ALERT_STATUSES, SEVERITIES, SUBJECT_TYPES } from '../types';
import { Badge, formatTime, humanize, PageHeading, ProblemMessage, TableRegion, timeLeft, useLoad, useNow, useSession } from '../ui';

const PAGE_SIZE = 20;
const CLOSED = new Set(['CLEARED', 'CONFIRMED']);
/** The queue refreshes itself this often, without a reload. */
const REFRESH_MS = 10_000;

interface Filters {
  status: string;
  severity: string;
  subjectType: string;
  overdue: string;
}

/** The alert queue: the one due soonest first, filtered, paged, refreshed in place. */
export function AlertQueue() {
  const { api } = useSession();
  const now = useNow(15_000);
  const [filters, setFilters] = useState<Filters>({ status: '', severity: '', subjectType: '', overdue: '' });
  // Keyset paging: the cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const page = useLoad(() => api.alerts({ ...filters, cursor, limit: PAGE_SIZE }), [api, filters, cursor], REFRESH_MS);

  function setFilter(name: keyof Filters, value: string) {
    setFilters((current) => ({ ...current, [name]: value }));
    setCursors([null]);
  }

  return (
    <section aria-labelledby="queue-heading">
      <div id="queue-heading">
        <PageHeading>Alert queue</PageHeading>
      </div>
      <form className="filters" aria-label="Filter alerts" onSubmit={(event) => event.preventDefault()}>
        <Select label="Status" value={filters.status} options={ALERT_STATUSES} onChange={(value) => setFilter('status', value)} />
        <Select label="Severity" value={filters.severity} options={SEVERITIES} onChange={(value) => setFilter('severity', value)} />
        <Select label="Subject type" value={filters.subjectType} options={SUBJECT_TYPES} onChange={(value) => setFilter('subjectType', value)} />
        <div className="field">
          <label htmlFor="filter-overdue">Overdue</label>
          <select id="filter-overdue" value={filters.overdue} onChange={(event) => setFilter('overdue', event.target.value)}>
            <option value="">Any</option>
            <option value="true">Overdue only</option>
            <option value="false">Not overdue</option>
          </select>
        </div>
        <div className="field refresh">
          <button type="button" className="secondary" onClick={page.reload}>
            Refresh
          </button>
          <span className="help" aria-live="off">
            {page.loadedAt ? `Updated ${page.loadedAt.toLocaleTimeString('en-GB')}` : 'Loading…'}
          </span>
        </div>
      </form>
      <ProblemMessage problem={page.problem} />
      {page.data ? (
        <>
          <TableRegion label="Alerts, due soonest first">
            <table>
              <caption>
                {page.data.items.length === 0 ? 'No alert matches these filters.' : `Alerts due soonest first${cursors.length > 1 ? ` (page ${cursors.length})` : ''}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Due</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Status</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Reasons</th>
                  <th scope="col">Assignee</th>
                </tr>
              </thead>
              <tbody>
                {page.data.items.map((alert) => {
                  // A decided alert has no time left: it says so instead.
                  const due = CLOSED.has(alert.status) ? 'decided' : timeLeft(alert.dueAt, now);
                  return (
                  <tr key={alert.id} className={alert.overdue ? 'overdue' : undefined}>
                    <td>
                      <a href={`#/alerts/${alert.id}`} aria-label={`Open ${humanize(alert.severity)} ${humanize(alert.status)} alert on ${humanize(alert.subjectType)} ${alert.subjectId.slice(0, 8)}, ${due}`}>
                        {due}
                      </a>
                      <div className="help">{formatTime(alert.dueAt)}</div>
                    </td>
                    <td>
                      <Badge kind={alert.severity}>{alert.severity}</Badge>
                    </td>
                    <td>
                      <Badge kind={alert.status}>{humanize(alert.status)}</Badge>
                    </td>
                    <td>
                      {alert.subjectType} <span className="mono">{alert.subjectId.slice(0, 8)}</span>
                    </td>
                    <td>{alert.reasons.map((reason) => reason.code).join(', ')}</td>
                    <td>{alert.assignee ?? '—'}</td>
                  </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
          <nav className="pager" aria-label="Alert pages">
            <button type="button" className="secondary" disabled={cursors.length <= 1} onClick={() => setCursors((current) => current.slice(0, -1))}>
              Previous page
            </button>
            <button type="button" className="secondary" disabled={!page.data.nextCursor} onClick={() => setCursors((current) => [...current, page.data!.nextCursor])}>
              Next page
            </button>
          </nav>
        </>
      ) : null}
    </section>
  );
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: readonly string[]; onChange: (value: string) => void }) {
  const id = `filter-${label.toLowerCase().replaceAll(' ', '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {humanize(option)}
          </option>
        ))}
      </select>
    </div>
  );
}
