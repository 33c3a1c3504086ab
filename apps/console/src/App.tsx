import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Api, ApiError } from './api';
import type { Me, Problem } from './types';
import { ProblemMessage, problemOf, SessionContext, type Session } from './ui';
import { AlertDetail } from './views/AlertDetail';
import { AlertQueue } from './views/AlertQueue';
import { AuditView } from './views/AuditView';
import { BlocklistView } from './views/BlocklistView';
import { WalletView } from './views/WalletView';

/** Where the key is kept when the officer asks for it: this tab only, gone when the tab closes. */
const STORAGE_KEY = 'rwa-console.api-key';
const CONSOLE_ROLES = new Set(['COMPLIANCE', 'ADMIN']);

type Route = { page: 'alerts' } | { page: 'alert'; id: string } | { page: 'blocklist' } | { page: 'wallet'; id: string | null } | { page: 'audit'; entityType: string | null; entityId: string | null };

function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const params = new URLSearchParams(search);
  if (parts[0] === 'alerts' && parts[1]) return { page: 'alert', id: parts[1] };
  if (parts[0] === 'blocklist') return { page: 'blocklist' };
  if (parts[0] === 'wallets') return { page: 'wallet', id: parts[1] ?? null };
  if (parts[0] === 'audit') return { page: 'audit', entityType: params.get('entityType'), entityId: params.get('entityId') };
  return { page: 'alerts' };
}

function useRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return useMemo(() => parseRoute(hash), [hash]);
}

/** Asks the platform who the key is; only COMPLIANCE and ADMIN keys may use the console. */
async function identify(key: string): Promise<Me> {
  const me = await new Api(key).me();
  if (!CONSOLE_ROLES.has(me.role)) {
    throw new ApiError({ status: 403, title: 'Not a compliance key', detail: `This is a ${me.role} key; the console needs a COMPLIANCE key (or an ADMIN key, read-only)` });
  }
  return me;
}

export function App() {
  const [signedIn, setSignedIn] = useState<{ key: string; me: Me } | null>(null);
  const [restoring, setRestoring] = useState(() => sessionStorage.getItem(STORAGE_KEY) !== null);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    if (!stored) return;
    identify(stored).then(
      (me) => setSignedIn({ key: stored, me }),
      () => sessionStorage.removeItem(STORAGE_KEY),
    ).finally(() => setRestoring(false));
  }, []);

  const signOut = useCallback((message: string | null = null) => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSignedIn(null);
    setNotice(message);
    setAnnouncement(message ?? 'Signed out');
    window.location.hash = '#/';
  }, []);

  const session = useMemo<Session | null>(
    () =>
      signedIn && {
        api: new Api(signedIn.key),
        me: signedIn.me,
        readOnly: signedIn.me.role !== 'COMPLIANCE',
        announce: setAnnouncement,
        expire: () => signOut('The platform refused the key (revoked or expired): sign in again.'),
      },
    [signedIn, signOut],
  );

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {/* One polite live region for every action's outcome. */}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {session ? (
        <SessionContext.Provider value={session}>
          <Shell onSignOut={() => signOut()} />
        </SessionContext.Provider>
      ) : restoring ? (
        <main id="main" className="sign-in">
          <p>Signing in…</p>
        </main>
      ) : (
        <SignIn
          notice={notice}
          onSignedIn={(key, me, remember) => {
            if (remember) sessionStorage.setItem(STORAGE_KEY, key);
            setNotice(null);
            setSignedIn({ key, me });
            setAnnouncement(`Signed in as ${officerName(me)}`);
          }}
        />
      )}
    </>
  );
}

export function officerName(me: Me): string {
  return me.userName ?? `${me.role === 'ADMIN' ? 'Administrator' : 'Compliance officer'} (${me.role} key)`;
}

function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn: (key: string, me: Me, remember: boolean) => void }) {
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setProblem({ status: 400, title: 'API key missing', detail: 'Paste your COMPLIANCE API key' });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(trimmed, await identify(trimmed), remember);
    } catch (error) {
      const found = problemOf(error);
      setProblem(found.status === 401 ? { ...found, title: 'Key refused', detail: 'The platform does not know this key (or it was revoked)' } : found);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <h1>Compliance console</h1>
      <p>Review KYT alerts, decide with four eyes, keep the blocklist and freeze wallets.</p>
      {notice ? (
        <p className="notice" role="alert">
          {notice}
        </p>
      ) : null}
      <form onSubmit={submit} aria-label="Sign in" noValidate>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(event) => setKey(event.target.value)}
          aria-describedby="api-key-help"
          autoFocus
        />
        <p id="api-key-help" className="help">
          A COMPLIANCE key, or an ADMIN key to read only. It is kept in this tab's memory only, unless you tick the box below.
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} /> Keep me signed in in this tab (session storage,
          cleared when the tab closes or on sign-out)
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <ProblemMessage problem={problem} />
      </form>
    </main>
  );
}

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const route = useRoute();
  return (
    <SessionContext.Consumer>
      {(session) => (
        <>
          <header className="top">
            <span className="brand">Compliance console</span>
            <nav aria-label="Main">
              <ul>
                <li>
                  <a href="#/alerts" aria-current={route.page === 'alerts' || route.page === 'alert' ? 'page' : undefined}>
                    Alerts
                  </a>
                </li>
                <li>
                  <a href="#/blocklist" aria-current={route.page === 'blocklist' ? 'page' : undefined}>
                    Blocklist
                  </a>
                </li>
                <li>
                  <a href="#/wallets" aria-current={route.page === 'wallet' ? 'page' : undefined}>
                    Wallets
                  </a>
                </li>
                <li>
                  <a href="#/audit" aria-current={route.page === 'audit' ? 'page' : undefined}>
                    Audit
                  </a>
                </li>
              </ul>
            </nav>
            <div className="officer">
              <span aria-label="Signed in as">{officerName(session!.me)}</span>
              {session!.readOnly ? <span className="badge badge-read-only">read-only</span> : null}
              <button type="button" className="secondary" onClick={onSignOut}>
                Sign out
              </button>
            </div>
          </header>
          <main id="main">
            {route.page === 'alerts' ? <AlertQueue /> : null}
            {route.page === 'alert' ? <AlertDetail key={route.id} id={route.id} /> : null}
            {route.page === 'blocklist' ? <BlocklistView /> : null}
            {route.page === 'wallet' ? <WalletView key={route.id ?? ''} id={route.id} /> : null}
            {route.page === 'audit' ? <AuditView key={`${route.entityType}:${route.entityId}`} entityType={route.entityType} entityId={route.entityId} /> : null}
          </main>
        </>
      )}
    </SessionContext.Consumer>
  );
}
