import { useEffect, useState, type FormEvent } from 'react';
import type { Wallet } from '../types';
import { ActionOutcome, Fact, formatTime, humanize, PageHeading, ProblemMessage, useAction, useLoad, useSession } from '../ui';
import { AuditTrail } from './AuditView';

/** What the chain has done with the wallet's latest freeze change, in words. */
const FREEZE_SYNC_TEXT: Record<Wallet['freezeSync'], string> = {
  SYNCED: 'Applied on chain',
  PENDING: 'Waiting for the chain…',
  FAILED: 'Refused on chain (an alert is open)',
};

/** How often a freeze on its way to the chain is read again. */
const FOLLOW_MS = 1000;

export function WalletView({ id }: { id: string | null }) {
  const [lookup, setLookup] = useState(id ?? '');
  return (
    <section aria-labelledby="wallet-heading">
      <div id="wallet-heading">
        <PageHeading>Wallet</PageHeading>
      </div>
      <form
        className="filters"
        role="search"
        aria-label="Find a wallet"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          window.location.hash = `#/wallets/${encodeURIComponent(lookup.trim())}`;
        }}
      >
        <div className="field grow">
          <label htmlFor="wallet-id">Wallet id</label>
          <input id="wallet-id" value={lookup} onChange={(event) => setLookup(event.target.value)} spellCheck={false} placeholder="UUID" />
        </div>
        <div className="field">
          <button type="submit">Open</button>
        </div>
      </form>
      {id ? <WalletDetail id={id} /> : <p>Open a wallet from an alert, or by its id.</p>}
    </section>
  );
}

function WalletDetail({ id }: { id: string }) {
  const { api, readOnly } = useSession();
  const [following, setFollowing] = useState(false);
  const wallet = useLoad(() => api.wallet(id), [api, id], following ? FOLLOW_MS : undefined);
  const [trailVersion, setTrailVersion] = useState(0);
  const current = wallet.data;

  // Follow the chain while the last freeze change is on its way; stop once it is applied.
  useEffect(() => {
    if (!current) return;
    const pending = current.freezeSync === 'PENDING';
    setFollowing(pending);
    if (!pending) setTrailVersion((value) => value + 1);
  }, [current?.freezeSync, current?.frozen, current?.frozenUnits]);

  const changed = (answer: Wallet) => {
    wallet.setData(answer);
    setFollowing(answer.freezeSync === 'PENDING');
  };

  return (
    <>
      <ProblemMessage problem={wallet.problem} />
      {current ? (
        <div className="detail-grid">
          <section className="card" aria-labelledby="wallet-facts-heading">
            <h2 id="wallet-facts-heading">
              Wallet <span className="mono">{current.address}</span>
            </h2>
            <dl className="facts">
              <Fact term="Status">{humanize(current.status)}</Fact>
              <Fact term="On-chain registry">{humanize(current.onchain)}</Fact>
              <Fact term="Freeze">{current.frozen ? 'whole wallet frozen' : current.frozenUnits ? `${current.frozenUnits} units frozen` : 'not frozen'}</Fact>
              <Fact term="On chain">
                <span role="status" aria-live="polite" className={current.freezeSync === 'SYNCED' ? 'ok' : 'pending'}>
                  {FREEZE_SYNC_TEXT[current.freezeSync]}
                </span>
              </Fact>
              <Fact term="Chain id">{current.chainId}</Fact>
              <Fact term="Bound">{formatTime(current.createdAt)}</Fact>
              <Fact term="Wallet id">
                <span className="mono">{current.id}</span>
              </Fact>
            </dl>
          </section>
          {!readOnly ? (
            <div>
              <FreezeForm wallet={current} onChanged={changed} />
              {/* Always there, so its outcome stays on screen once the wallet is no longer frozen. */}
              <UnfreezeForm wallet={current} onChanged={changed} />
            </div>
          ) : (
            <p className="notice">Read-only: freezes need a COMPLIANCE key.</p>
          )}
        </div>
      ) : null}
      {current ? <AuditTrail key={trailVersion} entityType="wallet" entityId={current.id} heading="Wallet audit trail" /> : null}
    </>
  );
}

function FreezeForm({ wallet, onChanged }: { wallet: Wallet; onChanged: (wallet: Wallet) => void }) {
  const { api } = useSession();
  const action = useAction();
  const [scope, setScope] = useState<'whole' | 'part'>('whole');
  const [units, setUnits] = useState('');
  const [reason, setReason] = useState('');
  return (
    <form
      className="card"
      aria-labelledby="freeze-heading"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void action.run(
          () => api.freeze(wallet.id, reason, scope === 'part' ? units.trim() : undefined),
          (answer) => {
            onChanged(answer);
            return `${answer.frozen ? 'Frozen' : `${answer.frozenUnits} units frozen`}; ${FREEZE_SYNC_TEXT[answer.freezeSync].toLowerCase()}.`;
          },
        );
      }}
    >
      <h2 id="freeze-heading">Freeze</h2>
      <fieldset>
        <legend>What to freeze</legend>
        <label className="checkbox">
          <input type="radio" name="freeze-scope" value="whole" checked={scope === 'whole'} onChange={() => setScope('whole')} /> The whole wallet (it can neither send nor
          receive)
        </label>
        <label className="checkbox">
          <input type="radio" name="freeze-scope" value="part" checked={scope === 'part'} onChange={() => setScope('part')} /> Part of the balance
        </label>
      </fieldset>
      {scope === 'part' ? (
        <>
          <label htmlFor="freeze-units">Units to freeze (in each active fund)</label>
          <input id="freeze-units" inputMode="decimal" value={units} onChange={(event) => setUnits(event.target.value)} placeholder="1000.000000" />
        </>
      ) : null}
      <label htmlFor="freeze-reason">Reason</label>
      <textarea id="freeze-reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} rows={2} />
      <button type="submit" className="danger" disabled={action.busy}>
        Freeze
      </button>
      <ActionOutcome action={action} />
    </form>
  );
}

function UnfreezeForm({ wallet, onChanged }: { wallet: Wallet; onChanged: (wallet: Wallet) => void }) {
  const { api } = useSession();
  const action = useAction();
  const [reason, setReason] = useState('');
  return (
    <form
      className="card"
      aria-labelledby="unfreeze-heading"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void action.run(
          () => api.unfreeze(wallet.id, reason),
          (answer) => {
            onChanged(answer);
            return `Unfrozen; ${FREEZE_SYNC_TEXT[answer.freezeSync].toLowerCase()}.`;
          },
        );
      }}
    >
      <h2 id="unfreeze-heading">Unfreeze</h2>
      <label htmlFor="unfreeze-reason">Reason</label>
      <textarea id="unfreeze-reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} rows={2} />
      <button type="submit" className="secondary" disabled={action.busy}>
        Unfreeze
      </button>
      <ActionOutcome action={action} />
    </form>
  );
}
