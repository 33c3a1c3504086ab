import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganizationType } from '@rwa/common';
import { InvestorsService } from '@rwa/investors';
import { AlertSubjectType, KytSubjectHandlers, type AlertSubjectContextSections } from '@rwa/kyt';
import { OrganizationsService } from '@rwa/organizations';
import { WalletEntity } from './wallet.entities.js';
import { WalletsService } from './wallets.service.js';

/**
 * What the wallets module tells a compliance officer about a WALLET alert's subject: the wallet
 * (bound address, status, freeze), its investor and the investor's distributor. Holdings and
 * counterparties come from the chain index (libs/holdings).
 */
@Injectable()
export class WalletAlertContext implements OnModuleInit {
  constructor(
    private readonly kytSubjects: KytSubjectHandlers,
    private readonly wallets: WalletsService,
    private readonly investors: InvestorsService,
    private readonly organizations: OrganizationsService,
  ) {}

  onModuleInit(): void {
    this.kytSubjects.describeWith(AlertSubjectType.WALLET, (manager, walletId) => this.describe(manager, walletId));
  }

  async describe(manager: EntityManager, walletId: string): Promise<AlertSubjectContextSections> {
    const wallet = await manager.findOneBy(WalletEntity, { id: walletId });
    if (!wallet) return {};
    const [view, investor, distributor] = await Promise.all([
      this.wallets.map(wallet),
      this.investors.findView(manager, wallet.investorId),
      this.organizations.findOrganization(wallet.distributorId, OrganizationType.DISTRIBUTOR),
    ]);
    return {
      wallet: view,
      ...(investor ? { investor } : {}),
      ...(distributor ? { distributor: { id: distributor.id, name: distributor.name } } : {}),
    };
  }
}
