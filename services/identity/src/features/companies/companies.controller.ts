import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor as Actor, CurrentActor } from '@opn/auth';
import { Meta, Page, RequestMeta, UuidParam } from '@opn/service-kit';
import type { Response } from 'express';
import { CompanyDirectoryQuery } from '../../read-models/company-directory/company-directory.query';
import { CompanyView, DirectoryQueryDto, RegisterCompanyDto, UpdateCompanyDto } from './company.dto';
import { CompaniesService } from './companies.service';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly directory: CompanyDirectoryQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a company; the caller becomes its admin' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CompanyView })
  async register(@Body() dto: RegisterCompanyDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<CompanyView> {
    const view = await this.companies.register(dto, actor, meta);
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
  async update(
    @Param('companyId', UuidParam) companyId: string,
    @Body() dto: UpdateCompanyDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CompanyView> {
    const view = await this.companies.update(companyId, dto, actor, meta);
    res.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
