// Helpers of the fund-operations suites: calendars and time zones chosen against the real clock, so
// that dealing dates and cut-offs are exercised without a fake clock in the platform.
import { randomBytes } from 'node:crypto';
import { expectStatus, newIdempotencyKey, type ApiClient, type ApiResponse, type Json } from './api-client.js';
import { poll } from './poll.js';
import { activeFund } from './platform.js';

/** Today's date and HH:MM time in `timezone`. */
export function localNow(timezone: string, at: Date = new Date()): { date: string; time: string; seconds: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}`, seconds: Number(part('second')) };
}

export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/**
 * A fixed-offset zone (Etc/GMT-N is UTC+N) whose local time now is between 02:00 and 21:00, so
 * that a cut-off a few minutes or hours ahead stays on today's date. One always exists.
 */
export function daytimeZone(): string {
  for (const offset of [0, 8, -5, 4, -9, 12, -11, 2, -2, 6, 10, -7, 13]) {
    const zone = offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const hour = Number(localNow(zone).time.slice(0, 2));
    if (hour >= 2 && hour < 21) return zone;
  }
  throw new Error('no zone in daytime');
}

/** HH:MM `minutes` after the local time now in `timezone`. */
export function localTimePlus(timezone: string, minutes: number): string {
  return localNow(timezone, new Date(Date.now() + minutes * 60_000)).time;
}

/**
 * Creates a calendar (ADMIN) with these holidays and no weekend days: every other day is a
 * business day, so the suites deal on any day of the week, weekends included.
 */
export async function everyDayCalendar(admin: ApiClient, holidays: string[] = []): Promise<string> {
  const code = `E2E-${randomBytes(3).toString('hex').toUpperCase()}`;
  const res = await admin.put(`/v1/calendars/${code}`, { name: `e2e ${code}`, holidays, weekendDays: [] });
  expectStatus(res, 200);
  return code;
}

export async function waitForOrder(client: ApiClient, orderId: string, status: string, timeoutMs = 60_000): Promise<Json> {
  const res = await poll(`order ${orderId} ${status}`, () => client.get(`/v1/orders/${orderId}`), (r) => r.body?.status === status, { timeoutMs });
  return res.body;
}

export async function waitForFund(client: ApiClient, fundId: string, done: (fund: Json) => boolean, description: string): Promise<Json> {
  const res = await poll(`fund ${fundId} ${description}`, () => client.get(`/v1/funds/${fundId}`), (r) => r.status === 200 && done(r.body), { timeoutMs: 60_000 });
  return res.body;
}

export async function placeOrder(distributor: ApiClient, body: Record<string, unknown>): Promise<ApiResponse> {
  return distributor.post('/v1/orders', body, { idempotencyKey: newIdempotencyKey() });
}

export { activeFund };
