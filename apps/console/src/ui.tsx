// Small shared pieces: problem messages, time left, tables that scroll on a narrow window.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, describeProblem, type Api } from './api';
import type { Me, Problem } from './types';

export interface Session {
  api: Api;
  me: Me;
  /** ADMIN keys read only: every action is hidden. */
  readOnly: boolean;
  /** Tells screen readers (and everyone) what an action did, in words. */
  announce: (message: string) => void;
  /** The key was refused: back to the sign-in form. */
  expire: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}

/** The problem of a failed call, or a generic one for anything else. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { status: 0, title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error) };
}

/** Shows what the API said no with, in words; `role="alert"` so it is read out at once. */
export function ProblemMessage({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <div className="problem" role="alert">
      <p>
        <strong>{problem.title ?? 'Refused'}</strong>
        {problem.code ? <span className="code"> ({problem.code})</span> : null}
      </p>
      {problem.detail ? <p>{problem.detail}</p> : null}
      {problem.errors && problem.errors.length > 0 ? (
        <ul>
          {problem.errors.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              <span className="code">{error.field}</span>: {error.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Runs an API action: clears the last problem, shows the new one, signs out on a 401, and on
 * success announces what the answer says.
 */
export function useAction() {
  const session = useSession();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run<T>(work: () => Promise<T>, describe: (result: T) => string): Promise<T | undefined> {
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      const result = await work();
      const said = describe(result);
      setMessage(said);
      session.announce(said);
      return result;
    } catch (error) {
      const found = problemOf(error);
      if (found.status === 401) session.expire();
      setProblem(found);
      session.announce(`Refused: ${describeProblem(found)}`);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { run, problem, message, busy, setProblem };
}

/** What the last action did (from the API's answer) or why it was refused. */
export function ActionOutcome({ action }: { action: { problem: Problem | null; message: string | null } }) {
  return (
    <>
      {action.message ? <p className="result">{action.message}</p> : null}
      <ProblemMessage problem={action.problem} />
    </>
  );
}

/** Loads `load()` now, again when `deps` change, and every `refreshMs` (if given) without a reload. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], refreshMs?: number) {
  const session = useSession();
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    load().then(
      (result) => {
        if (call !== latest.current) return;
        setData(result);
        setProblem(null);
        setLoadedAt(new Date());
      },
      (error: unknown) => {
        if (call !== latest.current) return;
        const found = problemOf(error);
        if (found.status === 401) session.expire();
        setProblem(found);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  useEffect(() => {
    if (!refreshMs) return;
    const timer = setInterval(() => setTick((value) => value + 1), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);
  return { data, setData, problem, loadedAt, reload: () => setTick((value) => value + 1) };
}

/** Now, ticking every `everyMs`, for times left. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "3 h 12 min left" or "overdue by 2 h 5 min". */
export function timeLeft(dueAt: string, now: number): string {
  const ms = Date.parse(dueAt) - now;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const text = days > 0 ? `${days} d ${hours} h` : hours > 0 ? `${hours} h ${rest} min` : `${rest} min`;
  return ms >= 0 ? `${text} left` : `overdue by ${text}`;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A wide table inside a region that scrolls sideways on a narrow window, reachable by keyboard. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A page heading that takes the focus when the page opens (so screen readers start there). */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${kind.toLowerCase().replaceAll('_', '-')}`}>{children}</span>;
}

export function humanize(code: string): string {
  return code.toLowerCase().replaceAll('_', ' ');
}

/** One term and its value in a description list. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
