import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { FundsModule } from '@rwa/funds';
import { OutboxModule } from '@rwa/queue';
import { LocalStablecoin } from './local-stablecoin.service.js';
import { SettlementContracts } from './settlement-contracts.service.js';
import { StablecoinLedger } from './stablecoin-ledger.js';
import { StablecoinPaymentsService } from './stablecoin-payments.service.js';
import { FundStablecoinEntity, SettlementContractEntity, StablecoinEntity, StablecoinPaymentEntity } from './stablecoin.entities.js';
import { StablecoinsService } from './stablecoins.service.js';

/** Accepted stablecoins, their configuration per fund on the settlement contract, and the stablecoin legs of orders. */
@Module({
  imports: [TypeOrmModule.forFeature([StablecoinEntity, FundStablecoinEntity, SettlementContractEntity, StablecoinPaymentEntity]), AuditModule, ChainModule, FundsModule, OutboxModule],
  providers: [StablecoinsService, StablecoinPaymentsService, SettlementContracts, LocalStablecoin, StablecoinLedger],
  exports: [StablecoinsService, StablecoinPaymentsService, SettlementContracts, LocalStablecoin, StablecoinLedger],
})
export class StablecoinsModule {}
