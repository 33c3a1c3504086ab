import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@rwa/audit';
import { actorName, InputValidationException, TtlCache, type Actor, type FieldError } from '@rwa/common';
import { AppConfig } from '@rwa/config';
import type { SqlStatement } from '@rwa/database';
import { HK_GENERAL_HOLIDAYS } from './data/hk-general-holidays.js';
import { holidaysOf, isCalendarDate, SATURDAY_SUNDAY, type Holidays } from './dealing-calendar.js';
import type { CalendarResponseDto, PutCalendarRequestDto } from './dtos/calendar.dto.js';
import { CalendarEntity } from './fund.entity.js';
import { FundsErrorCode, FundsException } from './funds.exception.js';

/** A calendar as the dealing code uses it. */
export interface BusinessCalendar {
  code: string;
  holidays: Holidays;
  version: number;
}

const CODE = /^[A-Z0-9_-]{2,16}$/;
/** Holidays must fall within these years: a typo such as 0226 or 20260 is refused, not stored. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** Business-day calendars: `HK` ships with the platform (data/hk-general-holidays.ts); the ADMIN maintains them. */
@Injectable()
export class CalendarsService implements OnModuleInit {
  private readonly cache: TtlCache<BusinessCalendar>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.cache = new TtlCache(config.intake.cacheMs);
  }

  /** Fills the HK calendar the migration created (version 0) from the data file, once. */
  async onModuleInit(): Promise<void> {
    await this.dataSource.query(`UPDATE calendars SET holidays = $1::date[], name = $2, version = 1, updated_at = now() WHERE code = $3 AND version = 0`, [
      [...HK_GENERAL_HOLIDAYS.holidays],
      HK_GENERAL_HOLIDAYS.name,
      HK_GENERAL_HOLIDAYS.code,
    ]);
  }

  async get(code: string): Promise<CalendarResponseDto> {
    const calendar = await this.read(this.dataSource.manager, this.checkCode(code));
    if (!calendar) throw new FundsException(FundsErrorCode.CALENDAR_NOT_FOUND, `Calendar ${code} not found`);
    return this.map(calendar);
  }

  /** Creates or replaces a calendar. Orders already placed keep the dates they were given. */
  async put(actor: Actor, code: string, request: PutCalendarRequestDto): Promise<CalendarResponseDto> {
    this.checkCode(code);
    const holidays = this.checkHolidays(request.holidays);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO calendars (code, name, holidays, weekend_days, version) VALUES ($1, $2, $3::date[], $4::smallint[], 1)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, holidays = EXCLUDED.holidays, weekend_days = EXCLUDED.weekend_days, version = calendars.version + 1, updated_at = now()`,
        [code, request.name, holidays, request.weekendDays ?? SATURDAY_SUNDAY],
      );
      await this.audit.record(manager, { entityType: 'calendar', entityId: calendarEntityId(code), action: 'calendar-set', actor: actorName(actor), data: { code, name: request.name, holidays, weekendDays: request.weekendDays ?? SATURDAY_SUNDAY } });
    });
    this.cache.delete(code);
    return this.get(code);
  }

  /** The calendar for dealing, maybe cached (ORDER_INTAKE_CACHE_MS): statements that rely on it check versionSql. */
  async find(code: string, manager?: EntityManager): Promise<BusinessCalendar> {
    const load = async (): Promise<BusinessCalendar> => {
      const calendar = await this.read(manager ?? this.dataSource.manager, code);
      if (!calendar) throw new FundsException(FundsErrorCode.CALENDAR_NOT_FOUND, `Calendar ${code} not found`);
      return { code, holidays: holidaysOf(calendar.holidays, calendar.weekendDays), version: calendar.version };
    };
    return manager ? load() : this.cache.get(code, load);
  }

  /** True when a calendar exists, inside the caller's transaction. */
  async exists(manager: EntityManager, code: string): Promise<boolean> {
    return CODE.test(code) && manager.existsBy(CalendarEntity, { code });
  }

  /** A boolean SQL expression: the calendar is still at the version the caller dealt with. */
  versionSql(statement: SqlStatement, calendar: BusinessCalendar): string {
    return `EXISTS (SELECT 1 FROM calendars WHERE code = ${statement.param(calendar.code, 'varchar')} AND version = ${statement.param(calendar.version, 'int')})`;
  }

  /**
   * The calendar row with its holidays as `YYYY-MM-DD` text: node-postgres turns a date[] into
   * JavaScript Dates at local midnight, which would shift them with the process's time zone.
   */
  private async read(manager: EntityManager, code: string): Promise<Pick<CalendarEntity, 'code' | 'name' | 'holidays' | 'weekendDays' | 'version'> | undefined> {
    const [row] = (await manager.query('SELECT code, name, holidays::text[] AS holidays, weekend_days, version FROM calendars WHERE code = $1', [code])) as {
      code: string;
      name: string;
      holidays: string[];
      weekend_days: number[];
      version: number;
    }[];
    return row && { code: row.code, name: row.name, holidays: row.holidays, weekendDays: row.weekend_days, version: row.version };
  }

  private checkCode(code: string): string {
    if (!CODE.test(code)) throw new InputValidationException([{ field: 'code', message: 'code must be 2 to 16 capital letters, digits, "_" or "-"' }]);
    return code;
  }

  private checkHolidays(holidays: readonly string[]): string[] {
    const problems: FieldError[] = [];
    holidays.forEach((date, index) => {
      if (!isCalendarDate(date)) problems.push({ field: `holidays[${index}]`, message: `${JSON.stringify(date).slice(0, 40)} is not a calendar date YYYY-MM-DD` });
      else if (Number(date.slice(0, 4)) < FIRST_YEAR || Number(date.slice(0, 4)) > LAST_YEAR) problems.push({ field: `holidays[${index}]`, message: `holidays must be within ${FIRST_YEAR}-${LAST_YEAR}` });
    });
    if (problems.length > 0) throw new InputValidationException(problems.slice(0, 20));
    return [...new Set(holidays)].sort();
  }

  private map(calendar: Pick<CalendarEntity, 'code' | 'name' | 'holidays' | 'weekendDays'>): CalendarResponseDto {
    return { code: calendar.code, name: calendar.name, holidays: [...calendar.holidays].sort(), weekendDays: calendar.weekendDays };
  }
}

/** Audit rows key entities by UUID: a stable one per calendar code. */
function calendarEntityId(code: string): string {
  const hex = Buffer.from(code.padEnd(16, '\0')).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
