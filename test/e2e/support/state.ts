// What the e2e global setup hands to the tests: where the platform it started answers.
// Jest runs globalSetup in another context than the tests, so it goes through a file.
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
export const DEFAULT_STATE_FILE = join(tmpdir(), 'rwa-e2e-state.json');

export function stateFile(): string {
  return process.env.RWA_E2E_STATE_FILE ?? DEFAULT_STATE_FILE;
}

export function readState(): E2eState {
  return JSON.parse(readFileSync(stateFile(), 'utf8')) as E2eState;
}
