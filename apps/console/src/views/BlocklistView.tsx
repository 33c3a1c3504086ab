import { useState, type FormEvent } from 'react';
import { sdnContentType } from '../api';
import type { BlocklistImport } from '../types';
import { ActionOutcome, formatTime, PageHeading, ProblemMessage, TableRegion, useAction, useLoad, useSession } from '../ui';

/** The blocklist: search, add, remove, and the import of an OFAC SDN file with a preview. */
export function BlocklistView() {
  const { api, readOnly } = useSession();
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const list = useLoad(() => api.blocklist(applied || undefined), [api, applied]);
  const remove = useAction();
  const [confirming, setConfirming] = useState<string | null>(null);

  return (
    <section aria-labelledby="blocklist-heading">
      <div id="blocklist-heading">
        <PageHeading>Blocklist</PageHeading>
      </div>
      <form
        className="filters"
        role="search"
        aria-label="Search the blocklist"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setApplied(query.trim());
        }}
      >
        <div className="field grow">
          <label htmlFor="blocklist-search">Address, reason or source contains</label>
          <input id="blocklist-search" type="search" value={query} onChange={(event) => setQuery(event.target.value)} spellCheck={false} />
        </div>
        <div className="field">
          <button type="submit">Search</button>
        </div>
      </form>
      <ProblemMessage problem={list.problem} />
      <ActionOutcome action={remove} />
      {list.data ? (
        <TableRegion label="Blocklisted addresses">
          <table>
            <caption>{applied ? `${list.data.items.length} entries matching “${applied}”` : `${list.data.items.length} blocklisted addresses`}</caption>
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Source</th>
                <th scope="col">Reason</th>
                <th scope="col">Added</th>
                {!readOnly ? <th scope="col">Action</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((entry) => (
                <tr key={entry.address}>
                  <td className="mono">{entry.address}</td>
                  <td>{entry.source}</td>
                  <td>{entry.reason}</td>
                  <td>
                    {formatTime(entry.createdAt)} <span className="help">by {entry.addedBy}</span>
                  </td>
                  {!readOnly ? (
                    <td>
                      {confirming === entry.address ? (
                        <>
                          <button
                            type="button"
                            className="danger"
                            disabled={remove.busy}
                            onClick={() =>
                              void remove
                                .run(
                                  () => api.removeFromBlocklist(entry.address),
                                  () => `${entry.address} removed from the blocklist.`,
                                )
                                .then(() => (setConfirming(null), list.reload()))
                            }
                          >
                            Confirm removal of {entry.address.slice(0, 10)}…
                          </button>
                          <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                            Keep
                          </button>
                        </>
                      ) : (
                        <button type="button" className="secondary" aria-label={`Remove ${entry.address}`} onClick={() => setConfirming(entry.address)}>
                          Remove
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {!readOnly ? (
        <div className="columns">
          <AddEntry onAdded={list.reload} />
          <ImportFile onImported={list.reload} />
        </div>
      ) : null}
    </section>
  );
}

function AddEntry({ onAdded }: { onAdded: () => void }) {
  const { api } = useSession();
  const action = useAction();
  const [address, setAddress] = useState('');
  const [reason, setReason] = useState('');
  const [source, setSource] = useState('MANUAL');
  return (
    <form
      className="card"
      aria-labelledby="add-heading"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void action
          .run(
            () => api.addToBlocklist(address.trim(), reason, source),
            (entry) => `${entry.address} is blocklisted (${entry.source}); bound wallets at it are screened again.`,
          )
          .then((entry) => {
            if (!entry) return;
            setAddress('');
            setReason('');
            onAdded();
          });
      }}
    >
      <h2 id="add-heading">Add an address</h2>
      <label htmlFor="add-address">Address</label>
      <input id="add-address" value={address} onChange={(event) => setAddress(event.target.value)} spellCheck={false} placeholder="0x…" />
      <label htmlFor="add-reason">Reason</label>
      <input id="add-reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={1000} />
      <label htmlFor="add-source">Source</label>
      <input id="add-source" value={source} onChange={(event) => setSource(event.target.value)} maxLength={100} />
      <button type="submit" disabled={action.busy}>
        Add to the blocklist
      </button>
      <ActionOutcome action={action} />
    </form>
  );
}

/** Upload, preview (nothing changes), then import what the preview showed. */
function ImportFile({ onImported }: { onImported: () => void }) {
  const { api } = useSession();
  const preview = useAction();
  const imported = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('OFAC-SDN');
  const [found, setFound] = useState<BlocklistImport | null>(null);
  const newOnes = found ? found.evmAddresses - found.alreadyListed : 0;

  return (
    <section className="card" aria-labelledby="import-heading">
      <h2 id="import-heading">Import an OFAC SDN file</h2>
      <form
        aria-label="Preview the import"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (!file) {
            preview.setProblem({ status: 400, title: 'No file chosen', detail: 'Choose SDN.XML or sdn.csv first' });
            return;
          }
          setFound(null);
          void preview.run(
            () => api.previewImport(file, sdnContentType(file.name), source),
            (answer) => {
              setFound(answer);
              return `Preview: ${answer.evmAddresses} EVM addresses found, ${answer.alreadyListed} already listed, ${answer.otherChainsSkipped} of other chains skipped. Nothing was changed yet.`;
            },
          );
        }}
      >
        <label htmlFor="sdn-file">SDN file (SDN.XML or sdn.csv)</label>
        <input
          id="sdn-file"
          type="file"
          accept=".xml,.csv,.txt,text/xml,application/xml,text/csv"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setFound(null);
          }}
        />
        <label htmlFor="sdn-source">Source</label>
        <input id="sdn-source" value={source} onChange={(event) => setSource(event.target.value)} maxLength={100} />
        <button type="submit" className="secondary" disabled={preview.busy}>
          Preview the addresses
        </button>
        <ActionOutcome action={preview} />
      </form>
      {found && file ? (
        <>
          <TableRegion label="Addresses found in the file">
            <table>
              <caption>
                {found.evmAddresses} EVM addresses in {file.name}
                {found.entriesTruncated ? ` (the first ${found.entries.length} shown)` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Listed as</th>
                  <th scope="col">On the blocklist</th>
                </tr>
              </thead>
              <tbody>
                {found.entries.map((entry) => (
                  <tr key={entry.address}>
                    <td className="mono">{entry.address}</td>
                    <td>{entry.reason}</td>
                    <td>{entry.listed ? 'already' : 'new'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <button
            type="button"
            disabled={imported.busy || newOnes === 0}
            onClick={() =>
              void imported
                .run(
                  () => api.importBlocklist(file, sdnContentType(file.name), source),
                  (answer) => `Imported: ${answer.added} addresses added to the blocklist (${answer.alreadyListed} were listed already); bound wallets at them are screened again.`,
                )
                .then((answer) => {
                  if (!answer) return;
                  setFound(null);
                  onImported();
                })
            }
          >
            {newOnes === 0 ? 'Nothing new to import' : `Import ${newOnes} new addresses`}
          </button>
        </>
      ) : null}
      <ActionOutcome action={imported} />
    </section>
  );
}
