// What the e2e global setup hands to the tests: where the platform it started answers.
// Jest runs globalSetup in another context than the tests, so it goes through a file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface E2eState {
  baseUrl: string;
  adminKey: string;
  rpcUrl: string;
  chainId: number;
  databaseName: string;
  maintenanceDatabaseUrl: string;
  queuePrefix: string;
  startPid: number;
  logFile: string;
  /** The stub external KYT screening service (POST /__control {mode: "up"|"down"}). */
  kytStubUrl: string;
  kytStubPid: number;
}

/** globalSetup writes here and also sets RWA_E2E_STATE_FILE to this path. */
export // One file per checkout: several worktrees of the project may run their suites at once.
const DEFAULT_STATE_FILE = join(tmpdir(), `rwa-e2e-state-${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12)}.json`);

export function stateFile(): string {
  return process.env.RWA_E2E_STATE_FILE ?? DEFAULT_STATE_FILE;
}

export function readState(): E2eState {
  return JSON.parse(readFileSync(stateFile(), 'utf8')) as E2eState;
}
