import { Module } from '@nestjs/common';
import { AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { FundsModule } from '@rwa/funds';
import { KytModule } from '@rwa/kyt';
import { OutboxModule } from '@rwa/queue';
import { WalletsModule } from '@rwa/wallets';

/** The blocklist import: KYT, and the wallets module that re-screens bound wallets on a change. */
@Module({
  imports: [ConfigModule, DatabaseModule, AuditModule, OutboxModule, ChainModule, FundsModule, KytModule, WalletsModule],
})
export class BlocklistImportModule {}
