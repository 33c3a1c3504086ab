import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Calendar dates and instants as the API accepts them. Postgres refuses what does not exist
 * (`2026-02-30`, year 0) with an error, and JavaScript's Date rolls it over silently or turns
 * invalid: both must be a 400 naming the field before anything reaches the database.
 * Years are bounded to 1..9999, inside both Postgres' and JavaScript's ranges.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,6})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function existingDay(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** True for a `YYYY-MM-DD` date that exists in the Gregorian calendar (years 1..9999). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  return match !== null && existingDay(match[1]!, match[2]!, match[3]!);
}

/** True for an ISO-8601 instant with a date that exists, a time and an offset (`2027-12-31T00:00:00Z`). */
export function isIsoDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME.exec(value);
  return match !== null && existingDay(match[1]!, match[2]!, match[3]!) && !Number.isNaN(Date.parse(value));
}

function dateDecorator(name: string, check: (value: unknown) => boolean, shape: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyKey.toString(),
      options: { message: `${propertyKey.toString()} must be ${shape}`, ...options },
      validator: { validate: check },
    });
  };
}

/** Validates a `YYYY-MM-DD` date that exists (no 2026-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return dateDecorator('isCalendarDate', isCalendarDate, 'a date YYYY-MM-DD that exists in the calendar', options);
}

/** Validates an ISO-8601 date-time with an offset whose date exists (no 2026-02-30T00:00:00Z). */
export function IsIsoDateTime(options?: ValidationOptions): PropertyDecorator {
  return dateDecorator('isIsoDateTime', isIsoDateTime, 'an ISO-8601 date-time with an existing date and an offset, such as "2027-12-31T00:00:00Z"', options);
}
