import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, Page, UuidParam } from '@opn/service-kit';
import type { Response } from 'express';
import { CompanyDirectoryQuery } from '../../read-models/company-directory/company-directory.query';
import { CompanyView, DirectoryQueryDto, RegisterCompanyDto, UpdateCompanyDto } from './company.dto';
import { CompaniesHandler } from './companies.handler';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesHandler,
    private readonly directory: CompanyDirectoryQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a company; the caller becomes its admin' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CompanyView })
  async register(@Body() dto: RegisterCompanyDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response): Promise<CompanyView> {
    const view = await this.companies.register(dto, ctx);
    res.setHeader('ETag', `"${view.revision}"`);
    res.setHeader('Location', `/companies/${view.companyId}`);
    return view;
  }

  @Get()
  @ApiOperation({ summary: 'The company directory, paginated and filterable' })
  list(@Query() query: DirectoryQueryDto): Promise<Page<CompanyView>> {
    const { page, limit, ...filters } = query;
    return this.directory.list(filters, { page, limit }) as Promise<Page<CompanyView>>;
  }

  @Get(':companyId')
  @ApiOperation({ summary: "A company's public profile" })
  @ApiOkResponse({ type: CompanyView })
  async get(@Param('companyId', UuidParam) companyId: string, @Res({ passthrough: true }) res: Response): Promise<CompanyView> {
    const view = (await this.directory.get(companyId)) as CompanyView;
    res.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Patch(':companyId')
  @ApiOperation({ summary: 'Update the profile (company admins); send If-Match to refuse a stale edit with 412' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read, like "3"' })
  @ApiOkResponse({ type: CompanyView })
  async update(@Param('companyId', UuidParam) companyId: string, @Body() dto: UpdateCompanyDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response): Promise<CompanyView> {
    const view = await this.companies.update(companyId, dto, ctx);
    res.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
