import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvestorEntity } from './investor.entity.js';
import { InvestorsService } from './investors.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([InvestorEntity])],
  providers: [InvestorsService],
  exports: [InvestorsService],
})
export class InvestorsModule {}
