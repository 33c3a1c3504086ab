import { useState, type FormEvent } from 'react';
import type { Alert, AlertContext, Decision } from '../types';
import { RESOLUTION_CODES } from '../types';
import { ActionOutcome, Fact, Badge, formatTime, humanize, PageHeading, ProblemMessage, TableRegion, timeLeft, useAction, useLoad, useNow, useSession } from '../ui';
import { AuditTrail } from './AuditView';

const CLOSED = new Set(['CLEARED', 'CONFIRMED']);

/** One alert: its subject in context, reasons, comments, history, and the officer's actions. */
export function AlertDetail({ id }: { id: string }) {
  const { api, readOnly } = useSession();
  const now = useNow();
  const alert = useLoad(() => api.alert(id), [api, id], 15_000);
  const context = useLoad(() => api.alertContext(id), [api, id]);
  const [trailVersion, setTrailVersion] = useState(0);
  // Kept here: the form that acted may be gone once the alert moved on (a proposal hides the decision form).
  const [outcome, setOutcome] = useState<string | null>(null);
  const current = alert.data;

  /** An action answered with the alert: say what the answer says, and read the subject and trail again. */
  const updated = (answer: Alert, said: string) => {
    setOutcome(said);
    alert.setData(answer);
    context.reload();
    setTrailVersion((value) => value + 1);
  };

  return (
    <article aria-labelledby="alert-heading">
      <p>
        <a href="#/alerts">← Back to the queue</a>
      </p>
      <div id="alert-heading">
        <PageHeading>{current ? `${current.severity[0]}${humanize(current.severity).slice(1)} alert on a ${humanize(current.subjectType)}` : 'Alert'}</PageHeading>
      </div>
      <ProblemMessage problem={alert.problem} />
      {current ? (
        <div className="detail-grid">
          <div>
            <section aria-labelledby="summary-heading" className="card">
              <h2 id="summary-heading">Summary</h2>
              <dl className="facts">
                <Fact term="Status">
                  <Badge kind={current.status}>{humanize(current.status)}</Badge>
                </Fact>
                <Fact term="Severity">
                  <Badge kind={current.severity}>{current.severity}</Badge>
                </Fact>
                <Fact term="Due">{CLOSED.has(current.status) ? formatTime(current.dueAt) : `${timeLeft(current.dueAt, now)} (${formatTime(current.dueAt)})`}</Fact>
                <Fact term="Risk score">{current.score}</Fact>
                <Fact term="Assignee">{current.assignee ?? 'nobody yet'}</Fact>
                <Fact term="Raised">{formatTime(current.createdAt)}</Fact>
                {current.resolutionCode && CLOSED.has(current.status) ? <Fact term="Resolution">{humanize(current.resolutionCode)}</Fact> : null}
                <Fact term="Alert id">
                  <span className="mono">{current.id}</span>
                </Fact>
              </dl>
            </section>
            <section aria-labelledby="reasons-heading" className="card">
              <h2 id="reasons-heading">Reasons</h2>
              <ul className="reasons">
                {current.reasons.map((reason) => (
                  <li key={`${reason.code}:${reason.message}`}>
                    <span className="code">{reason.code}</span> {reason.message}
                  </li>
                ))}
              </ul>
            </section>
            <SubjectContext context={context.data} problem={context.problem} />
          </div>
          <div>
            {outcome ? <p className="result">{outcome}</p> : null}
            {current.proposal ? <Proposal alert={current} readOnly={readOnly} onUpdated={updated} /> : null}
            {readOnly ? (
              <p className="notice">Read-only: you are signed in with an ADMIN key. Decisions need a COMPLIANCE key.</p>
            ) : CLOSED.has(current.status) ? (
              <p className="notice">This alert is {humanize(current.status)}: it takes no further steps.</p>
            ) : current.status !== 'PENDING_APPROVAL' ? (
              <Actions alert={current} onUpdated={updated} />
            ) : null}
            {!readOnly && !CLOSED.has(current.status) ? <CommentForm alert={current} onUpdated={updated} /> : null}
            <section aria-labelledby="comments-heading" className="card">
              <h2 id="comments-heading">Comments</h2>
              {current.comments.length === 0 ? <p>No comments yet.</p> : null}
              <ol className="comments">
                {current.comments.map((comment) => (
                  <li key={`${comment.at}:${comment.author}`}>
                    <p>{comment.text}</p>
                    <p className="help">
                      {comment.author}, {formatTime(comment.at)}
                    </p>
                  </li>
                ))}
              </ol>
            </section>
            <section aria-labelledby="history-heading" className="card">
              <h2 id="history-heading">Status history</h2>
              <ol className="history">
                {current.history.map((event) => (
                  <li key={`${event.at}:${event.to}`}>
                    {event.from ? `${humanize(event.from)} → ` : ''}
                    <strong>{event.to ? humanize(event.to) : '—'}</strong> {event.reason ? `: ${event.reason}` : ''}
                    <span className="help">
                      {' '}
                      {event.actor}, {formatTime(event.at)}
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          </div>
        </div>
      ) : null}
      {current ? <AuditTrail key={trailVersion} entityType="kyt_alert" entityId={current.id} heading="Full history (audit trail)" /> : null}
    </article>
  );
}

/** The decision waiting for a second officer: approve or send back, or why this officer cannot. */
function Proposal({ alert, readOnly, onUpdated }: { alert: Alert; readOnly: boolean; onUpdated: (alert: Alert, said: string) => void }) {
  const { api } = useSession();
  const proposal = alert.proposal!;
  const approve = useAction();
  const sendBack = useAction();
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  return (
    <section aria-labelledby="proposal-heading" className="card proposal">
      <h2 id="proposal-heading">Decision waiting for approval</h2>
      <p>
        <strong>{proposal.decision}</strong> ({proposal.resolutionCode ? humanize(proposal.resolutionCode) : 'no code'}) proposed by {proposal.proposedBy}
        {proposal.reason ? `: “${proposal.reason}”` : ''}
      </p>
      {proposal.proposedByCaller ? (
        <p className="notice" id="four-eyes-note">
          You proposed this decision, so you cannot approve it: a {alert.severity} alert needs a second, different officer (four-eyes). Another officer must approve it or send it
          back.
        </p>
      ) : null}
      {!readOnly ? (
        <>
          <form
            aria-label="Approve the decision"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              void approve.run(
                () => api.approve(alert.id, comment.trim() || undefined),
                (answer) => {
                  const said = `Approved: the alert is now ${humanize(answer.status)} (${answer.resolutionCode ? humanize(answer.resolutionCode) : 'no code'}).`;
                  onUpdated(answer, said);
                  return said;
                },
              );
            }}
          >
            <label htmlFor="approve-comment">Approval comment (optional)</label>
            <input id="approve-comment" value={comment} onChange={(event) => setComment(event.target.value)} maxLength={2000} />
            <button type="submit" disabled={approve.busy} aria-describedby={proposal.proposedByCaller ? 'four-eyes-note' : undefined}>
              Approve {proposal.decision}
            </button>
            <ActionOutcome action={{ problem: approve.problem, message: null }} />
          </form>
          <form
            aria-label="Send the decision back"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              void sendBack.run(
                () => api.sendBack(alert.id, reason),
                (answer) => {
                  const said = `Sent back: the alert is ${humanize(answer.status)} again.`;
                  onUpdated(answer, said);
                  return said;
                },
              );
            }}
          >
            <label htmlFor="send-back-reason">Why send it back</label>
            <textarea id="send-back-reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} rows={2} />
            <button type="submit" className="secondary" disabled={sendBack.busy}>
              Send back
            </button>
            <ActionOutcome action={{ problem: sendBack.problem, message: null }} />
          </form>
        </>
      ) : null}
    </section>
  );
}

function Actions({ alert, onUpdated }: { alert: Alert; onUpdated: (alert: Alert, said: string) => void }) {
  const { api } = useSession();
  const assign = useAction();
  const escalate = useAction();
  const decide = useAction();
  const [assignee, setAssignee] = useState('');
  const [escalation, setEscalation] = useState('');
  const [decision, setDecision] = useState<Decision>('CONFIRM');
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const codes = RESOLUTION_CODES[decision];

  return (
    <section aria-labelledby="actions-heading" className="card">
      <h2 id="actions-heading">Review</h2>
      <form
        aria-label="Decide the alert"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void decide.run(
            () => api.decide(alert.id, decision, code, reason),
            (answer) => {
              const said = answer.status === 'PENDING_APPROVAL'
                ? `Decision ${decision} proposed: the alert waits for a second officer's approval (PENDING_APPROVAL).`
                : `Decided: the alert is now ${humanize(answer.status)} (${answer.resolutionCode ? humanize(answer.resolutionCode) : 'no code'}).`;
              onUpdated(answer, said);
              return said;
            },
          );
        }}
      >
        <fieldset>
          <legend>Decision</legend>
          <label className="checkbox">
            <input type="radio" name="decision" value="CONFIRM" checked={decision === 'CONFIRM'} onChange={() => (setDecision('CONFIRM'), setCode(''))} /> Confirm (true hit:
            rejects or freezes the subject)
          </label>
          <label className="checkbox">
            <input type="radio" name="decision" value="CLEAR" checked={decision === 'CLEAR'} onChange={() => (setDecision('CLEAR'), setCode(''))} /> Clear (false positive:
            releases the subject)
          </label>
        </fieldset>
        <label htmlFor="resolution-code">Resolution code</label>
        <select id="resolution-code" value={code} onChange={(event) => setCode(event.target.value)} required>
          <option value="">Choose a code</option>
          {codes.map((option) => (
            <option key={option} value={option}>
              {humanize(option)}
            </option>
          ))}
        </select>
        <label htmlFor="decision-reason">Reason</label>
        <textarea id="decision-reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} rows={3} />
        <button type="submit" disabled={decide.busy}>
          {decision === 'CONFIRM' ? 'Confirm the alert' : 'Clear the alert'}
        </button>
        {alert.severity === 'HIGH' || alert.severity === 'SEVERE' ? <p className="help">A {alert.severity} alert's decision waits for a second officer's approval.</p> : null}
        <ActionOutcome action={{ problem: decide.problem, message: null }} />
      </form>
      <form
        aria-label="Assign the alert"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void assign.run(
            () => api.assign(alert.id, assignee.trim() || undefined),
            (answer) => {
              const said = `Assigned to ${answer.assignee}; the alert is ${humanize(answer.status)}.`;
              onUpdated(answer, said);
              return said;
            },
          );
        }}
      >
        <label htmlFor="assignee">Assign to (leave empty for yourself)</label>
        <input id="assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)} maxLength={100} placeholder="another officer" />
        <button type="submit" className="secondary" disabled={assign.busy}>
          {assignee.trim() ? 'Assign' : 'Assign to me'}
        </button>
        <ActionOutcome action={{ problem: assign.problem, message: null }} />
      </form>
      {alert.status !== 'ESCALATED' ? (
        <form
          aria-label="Escalate the alert"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void escalate.run(
              () => api.escalate(alert.id, escalation),
              (answer) => {
                const said = `Escalated: the alert is ${humanize(answer.status)}.`;
                onUpdated(answer, said);
                return said;
              },
            );
          }}
        >
          <label htmlFor="escalation-reason">Escalation reason</label>
          <input id="escalation-reason" value={escalation} onChange={(event) => setEscalation(event.target.value)} maxLength={2000} />
          <button type="submit" className="secondary" disabled={escalate.busy}>
            Escalate
          </button>
          <ActionOutcome action={{ problem: escalate.problem, message: null }} />
        </form>
      ) : null}
    </section>
  );
}

function CommentForm({ alert, onUpdated }: { alert: Alert; onUpdated: (alert: Alert, said: string) => void }) {
  const { api } = useSession();
  const action = useAction();
  const [text, setText] = useState('');
  return (
    <form
      className="card"
      aria-label="Comment on the alert"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void action.run(
          () => api.comment(alert.id, text),
          (answer) => {
            const said = `Comment added (${answer.comments.length} in all).`;
            setText('');
            onUpdated(answer, said);
            return said;
          },
        );
      }}
    >
      <label htmlFor="comment-text">Comment</label>
      <textarea id="comment-text" value={text} onChange={(event) => setText(event.target.value)} maxLength={5000} rows={2} />
      <button type="submit" className="secondary" disabled={action.busy}>
        Add comment
      </button>
      <ActionOutcome action={{ problem: action.problem, message: null }} />
    </form>
  );
}

/** The subject as its owners describe it. */
function SubjectContext({ context, problem }: { context: AlertContext | null; problem: ReturnType<typeof useLoad>['problem'] }) {
  return (
    <section aria-labelledby="subject-heading" className="card">
      <h2 id="subject-heading">Subject</h2>
      <ProblemMessage problem={problem} />
      {!context ? <p>Loading…</p> : null}
      {context?.wallet ? (
        <>
          <h3>Wallet</h3>
          <dl className="facts">
            <Fact term="Bound address">
              <span className="mono">{context.wallet.address}</span>
            </Fact>
            <Fact term="Wallet status">{humanize(context.wallet.status)}</Fact>
            <Fact term="On-chain registry">{humanize(context.wallet.onchain)}</Fact>
            <Fact term="Freeze">
              {context.wallet.frozen ? 'frozen' : context.wallet.frozenUnits ? `${context.wallet.frozenUnits} units frozen` : 'not frozen'}
              {context.wallet.freezeSync === 'PENDING' ? ' (on its way to the chain)' : ''}
            </Fact>
          </dl>
          <p>
            <a href={`#/wallets/${context.wallet.id}`}>Open the wallet (freeze or unfreeze)</a>
          </p>
        </>
      ) : null}
      {context?.investor ? (
        <>
          <h3>Investor</h3>
          <dl className="facts">
            <Fact term="Reference">{context.investor.externalRef}</Fact>
            <Fact term="Type">{humanize(context.investor.type)}</Fact>
            <Fact term="Class">{humanize(context.investor.investorClass)}</Fact>
            <Fact term="Jurisdiction">{context.investor.jurisdiction}</Fact>
            <Fact term="KYC">
              {humanize(context.investor.kycStatus)}, until {formatTime(context.investor.kycExpiresAt)}
            </Fact>
            {context.distributor ? <Fact term="Distributor">{context.distributor.name}</Fact> : null}
          </dl>
        </>
      ) : null}
      {context?.holdings ? (
        <>
          <h3>On-chain holdings</h3>
          {context.holdings.length === 0 ? (
            <p>No units held (chain index).</p>
          ) : (
            <ul>
              {context.holdings.map((holding) => (
                <li key={holding.fundId}>
                  {holding.units} {holding.symbol} ({holding.fundName})
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {context?.counterparties ? (
        <>
          <h3>Counterparties</h3>
          {context.counterparties.length === 0 ? (
            <p>No transfers with other holders (chain index).</p>
          ) : (
            <TableRegion label="Counterparties">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Address</th>
                    <th scope="col">Sent to it</th>
                    <th scope="col">Received from it</th>
                    <th scope="col">Last block</th>
                    <th scope="col">Blocklisted</th>
                  </tr>
                </thead>
                <tbody>
                  {context.counterparties.map((party) => (
                    <tr key={`${party.fundId}:${party.address}`}>
                      <td className="mono">{party.address}</td>
                      <td>
                        {party.unitsSent} ({party.sent})
                      </td>
                      <td>
                        {party.unitsReceived} ({party.received})
                      </td>
                      <td>{party.lastBlock}</td>
                      <td>{party.blocklisted ? 'yes' : 'no'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </>
      ) : null}
      {context?.order ? (
        <>
          <h3>Order</h3>
          <dl className="facts">
            <Fact term="Type">{humanize(context.order.type)}</Fact>
            <Fact term="Status">{humanize(context.order.status)}</Fact>
            <Fact term="Amount">{context.order.amount ? `${context.order.amount} ${context.order.currency}` : '—'}</Fact>
            <Fact term="Units">{context.order.units ?? '—'}</Fact>
            <Fact term="Dealing date">{context.order.dealingDate ?? '—'}</Fact>
            {context.fund ? (
              <Fact term="Fund">
                {context.fund.name} ({context.fund.symbol})
              </Fact>
            ) : null}
          </dl>
          <h4>Order history</h4>
          <ol className="history">
            {context.order.events.map((event) => (
              <li key={`${event.at}:${event.to}`}>
                {event.from ? `${humanize(event.from)} → ` : ''}
                {event.to ? humanize(event.to) : '—'} {event.reason ? `: ${event.reason}` : ''} <span className="help">{formatTime(event.at)}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {context?.transfer ? (
        <>
          <h3>Transfer</h3>
          <dl className="facts">
            <Fact term="Units">
              {context.transfer.units} {context.fund?.symbol ?? ''}
            </Fact>
            <Fact term="From">
              <span className="mono">{context.transfer.from.address}</span>
              {context.transfer.from.blocklisted ? ' (blocklisted)' : ''}
              {context.transfer.from.walletId ? <a href={`#/wallets/${context.transfer.from.walletId}`}> wallet</a> : ' (not bound here)'}
            </Fact>
            <Fact term="To">
              <span className="mono">{context.transfer.to.address}</span>
              {context.transfer.to.blocklisted ? ' (blocklisted)' : ''}
              {context.transfer.to.walletId ? <a href={`#/wallets/${context.transfer.to.walletId}`}> wallet</a> : ' (not bound here)'}
            </Fact>
            <Fact term="Transaction">
              <span className="mono">{context.transfer.txHash}</span> (block {context.transfer.blockNumber})
            </Fact>
          </dl>
        </>
      ) : null}
    </section>
  );
}
