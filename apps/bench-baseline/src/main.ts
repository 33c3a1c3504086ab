// The benchmark's baseline (issue 5): a bare NestJS endpoint on the platform's HTTP adapter
// (express) that inserts one row with TypeORM and enqueues one BullMQ job. Started by
// scripts/bench.ts with DATABASE_URL, REDIS_URL and PORT; not part of the platform.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectDataSource, InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Column, CreateDateColumn, DataSource, Entity, PrimaryColumn, Repository } from 'typeorm';
import { AppConfig, ConfigModule } from '@rwa/config';
import { redisOptionsFromUrl } from '@rwa/queue';

@Entity('bench_rows')
class BenchRow {
  @PrimaryColumn('uuid')
  id: string;

  @Column('numeric')
  amount: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Controller('baseline')
class BaselineController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(BenchRow) private readonly rows: Repository<BenchRow>,
    @InjectQueue('bench') private readonly queue: Queue,
  ) {}

  /** The idiomatic NestJS + TypeORM endpoint: an entity saved through its repository. */
  @Post('entity')
  @HttpCode(201)
  async createEntity(@Body() body: { amount?: string }): Promise<{ id: string }> {
    const row = this.rows.create({ id: randomUUID(), amount: body.amount ?? '0' });
    await this.rows.save(row);
    await this.queue.add('bench', { id: row.id }, { jobId: row.id, removeOnComplete: true });
    return { id: row.id };
  }

  /** The leanest form: one raw INSERT through the data source. */
  @Post()
  @HttpCode(201)
  async create(@Body() body: { amount?: string }): Promise<{ id: string }> {
    const id = randomUUID();
    await this.dataSource.query('INSERT INTO bench_rows (id, amount) VALUES ($1, $2)', [id, body.amount ?? '0']);
    await this.queue.add('bench', { id }, { jobId: id, removeOnComplete: true });
    return { id };
  }
}

@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => ({ type: 'postgres', url: config.database.url, entities: [BenchRow], extra: { max: 20 } }) }),
    TypeOrmModule.forFeature([BenchRow]),
    BullModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => ({ connection: redisOptionsFromUrl(config.queue.redisUrl), prefix: 'bench' }) }),
    BullModule.registerQueue({ name: 'bench' }),
  ],
  controllers: [BaselineController],
})
class BaselineModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BaselineModule, { logger: ['error', 'warn'] });
  const dataSource = app.get(DataSource, { strict: false });
  await dataSource.query('CREATE TABLE IF NOT EXISTS bench_rows (id uuid PRIMARY KEY, amount numeric NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  await app.listen(app.get(AppConfig).http.port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
