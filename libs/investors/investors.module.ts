import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvestorRegistryHooks } from './investor-registry-hooks.js';
import { InvestorEntity } from './investor.entity.js';
import { InvestorsService } from './investors.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([InvestorEntity])],
  providers: [InvestorsService, InvestorRegistryHooks],
  exports: [InvestorsService, InvestorRegistryHooks],
})
export class InvestorsModule {}
