import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@rwa/config';
import { ChainClients, createChainClients } from './chain-clients.js';
import { ChainDeploymentEntity } from './chain-deployment.entity.js';
import { ChainTransactionAttemptEntity, ChainTransactionEntity } from './chain-transaction.entity.js';
import { ComplianceGateway } from './compliance-gateway.service.js';
import { IdentityRegistryGateway } from './identity-registry-gateway.service.js';
import { PlatformContracts } from './platform-contracts.service.js';
import { PlatformDeploymentService } from './platform-deployment.service.js';
import { TokenGateway } from './token-gateway.service.js';
import { TransactionManager } from './transaction-manager.service.js';

/** viem clients, the transaction manager and the contract gateway of the configured chain. */
@Module({
  imports: [TypeOrmModule.forFeature([ChainTransactionEntity, ChainTransactionAttemptEntity, ChainDeploymentEntity])],
  providers: [
    { provide: ChainClients, inject: [AppConfig], useFactory: (config: AppConfig) => createChainClients(config) },
    TransactionManager,
    PlatformContracts,
    PlatformDeploymentService,
    TokenGateway,
    ComplianceGateway,
    IdentityRegistryGateway,
  ],
  exports: [ChainClients, TransactionManager, PlatformContracts, PlatformDeploymentService, TokenGateway, ComplianceGateway, IdentityRegistryGateway],
})
export class ChainModule implements OnApplicationBootstrap {
  constructor(private readonly clients: ChainClients) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.clients.assertChainId();
  }
}
