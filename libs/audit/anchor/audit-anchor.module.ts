import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainModule } from '@rwa/chain';
import { AuditAnchorReader } from './audit-anchor-reader.js';
import { AuditAnchorContractEntity, AuditAnchorEntity } from './audit-anchor.entity.js';
import { AuditAnchorService } from './audit-anchor.service.js';
import { AuditVerificationService } from './audit-verification.service.js';

/** Anchoring of the audit chains' heads on chain, and verification against them (needs the chain; AuditModule does not). */
@Module({
  imports: [ChainModule, TypeOrmModule.forFeature([AuditAnchorEntity, AuditAnchorContractEntity])],
  providers: [AuditAnchorReader, AuditAnchorService, AuditVerificationService],
  exports: [AuditAnchorReader, AuditAnchorService, AuditVerificationService],
})
export class AuditAnchorModule {}
