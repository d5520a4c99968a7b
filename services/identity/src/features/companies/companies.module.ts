import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { CompaniesController } from './companies.controller';
import { CompaniesHandler } from './companies.handler';

@Module({ imports: [ReadModelsModule], controllers: [CompaniesController], providers: [CompaniesHandler] })
export class CompaniesModule {}
