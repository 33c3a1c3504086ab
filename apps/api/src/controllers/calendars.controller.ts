import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@rwa/common';
import { CalendarResponseDto, CalendarsService, PutCalendarRequestDto } from '@rwa/funds';
import { CurrentActor, Roles } from '../http/auth.decorators.js';

@ApiTags('calendars')
@ApiBearerAuth()
@Controller('v1/calendars')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get(':code')
  @Roles(Role.ADMIN, Role.COMPLIANCE, Role.ISSUER, Role.DISTRIBUTOR)
  get(@Param('code') code: string): Promise<CalendarResponseDto> {
    return this.calendars.get(code);
  }

  @Put(':code')
  @Roles(Role.ADMIN)
  put(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: PutCalendarRequestDto): Promise<CalendarResponseDto> {
    return this.calendars.put(actor, code, body);
  }
}
