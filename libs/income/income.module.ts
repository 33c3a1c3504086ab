import { Module } from '@nestjs/common';
import { AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { EventsModule } from '@rwa/events';
import { FundsModule } from '@rwa/funds';
import { HoldingsModule } from '@rwa/holdings';
import { InvestorsModule } from '@rwa/investors';
import { KytModule } from '@rwa/kyt';
import { OutboxModule } from '@rwa/queue';
import { StablecoinsModule } from '@rwa/stablecoins';
import { DistributionService } from './distribution.service.js';
import { IncomeEvents } from './income-events.js';
import { IncomeLedger } from './income-ledger.js';
import { IncomeService } from './income.service.js';
import { ReconciliationService } from './reconciliation.service.js';
import { RegisterService } from './register.service.js';

/** Income of DISTRIBUTING funds, the register at any time, distributions and three-way reconciliation (owns their tables). */
@Module({
  imports: [AuditModule, ChainModule, EventsModule, FundsModule, HoldingsModule, InvestorsModule, KytModule, OutboxModule, StablecoinsModule],
  providers: [IncomeLedger, IncomeService, IncomeEvents, RegisterService, DistributionService, ReconciliationService],
  exports: [IncomeLedger, IncomeService, IncomeEvents, RegisterService, DistributionService, ReconciliationService],
})
export class IncomeModule {}
