import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import { CalendarResponseDto, CalendarsService, PutCalendarRequestDto } from '@rwa/funds';
import { CurrentActor, Roles } from '../http/auth.decorators.js';
import { ApiEndpoint } from '../http/api-endpoint.decorator.js';

@ApiTags('calendars')
@ApiBearerAuth()
@Controller('v1/calendars')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get(':code')
  @Roles(Role.ADMIN, Role.COMPLIANCE, Role.ISSUER, Role.DISTRIBUTOR)
  @ApiEndpoint({ summary: 'Get a business-day calendar', operationId: 'getCalendar', ok: CalendarResponseDto, params: { code: { pattern: '^[A-Z0-9_-]{2,16}$', description: 'The calendar code', example: 'HK' } } })
  get(@Param('code') code: string): Promise<CalendarResponseDto> {
    return this.calendars.get(code);
  }

  @Put(':code')
  @Roles(Role.ADMIN)
  @ApiEndpoint({ summary: 'Create or replace a business-day calendar', operationId: 'putCalendar', ok: CalendarResponseDto, params: { code: { pattern: '^[A-Z0-9_-]{2,16}$', description: 'The calendar code', example: 'HK' } } })
  put(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: PutCalendarRequestDto): Promise<CalendarResponseDto> {
    return this.calendars.put(actor, code, body);
  }
}
