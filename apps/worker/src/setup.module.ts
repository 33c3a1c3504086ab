import { Module } from '@nestjs/common';
import { AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { ConfigModule } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { OrganizationsModule } from '@rwa/organizations';

/** What the one-off setup step needs: the platform contracts and the bootstrap admin. */
@Module({
  imports: [ConfigModule, DatabaseModule, AuditModule, ChainModule, OrganizationsModule],
})
export class SetupModule {}
