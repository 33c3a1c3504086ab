import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@rwa/audit';
import { ChainModule } from '@rwa/chain';
import { AppConfig } from '@rwa/config';
import { DatabaseModule } from '@rwa/database';
import { OrganizationsModule } from '@rwa/organizations';
import { LocalStablecoin, SettlementContracts } from '@rwa/stablecoins';

/** The configuration setup was given (validated once by its caller), in place of ConfigModule's own read. */
@Global()
@Module({})
class GivenConfigModule {
  static of(config: AppConfig): DynamicModule {
    return { module: GivenConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}

/** What the one-off setup step needs: the platform contracts, the bootstrap admin and, on a local chain, the test stablecoin. */
@Module({})
export class SetupModule {
  static withConfig(config: AppConfig): DynamicModule {
    return { module: SetupModule, imports: [GivenConfigModule.of(config), DatabaseModule, AuditModule, ChainModule, OrganizationsModule], providers: [LocalStablecoin, SettlementContracts] };
  }
}
