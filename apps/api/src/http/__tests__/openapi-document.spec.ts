import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags, type OpenAPIObject } from '@nestjs/swagger';
import { Role } from '@rwa/common';
import { openApiProblems } from '../../../../../scripts/ci/checks.js';
import { ApiEndpoint } from '../api-endpoint.decorator.js';
import { Public, Roles } from '../auth.decorators.js';
import { buildOpenApiDocument } from '../openapi-document.js';
import { UuidParamPipe } from '../uuid-param.pipe.js';

class ThingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}

class CreateThingRequestDto {
  @ApiProperty({ example: 'a thing' }) name: string;
}

/** Decorated by hand with plain @nestjs/swagger decorators, as another engineer might. */
@ApiTags('things')
@Controller('v1/things')
class PlainController {
  @Post()
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: 'Create a thing', operationId: 'createThing' })
  @ApiCreatedResponse({ type: ThingDto })
  create(@Body() body: CreateThingRequestDto): ThingDto {
    return { id: body.name };
  }
}

@ApiTags('things')
@Controller('v1/things')
class EndpointController {
  @Get(':id')
  @ApiEndpoint({ summary: 'Get a thing', operationId: 'getThing', ok: ThingDto, errors: [[409, 'THING_LOCKED']] })
  get(@Param('id', UuidParamPipe) id: string): ThingDto {
    return { id };
  }

  @Get()
  @Public()
  @ApiEndpoint({ summary: 'Count things', operationId: 'countThings', ok: ThingDto })
  count(): ThingDto {
    return { id: '' };
  }
}

@Module({ controllers: [PlainController, EndpointController] })
class ThingsModule {}

let document: OpenAPIObject;

beforeAll(async () => {
  const app = await NestFactory.create(ThingsModule, { preview: true, logger: false });
  document = buildOpenApiDocument(app);
  await app.close();
});

const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } };

describe(buildOpenApiDocument.name, () => {
  it('should make an operation decorated by hand as complete as one of ApiEndpoint: roles, errors, Idempotency-Key', () => {
    const create = document.paths['/v1/things']!.post!;

    expect(create).toMatchObject({ operationId: 'createThing', summary: 'Create a thing', description: 'Roles: ADMIN.', 'x-roles': ['ADMIN'], tags: ['things'] });
    expect(create.responses).toEqual({
      '201': { description: 'Created', content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingDto' } } } },
      '400': responseRef('BadRequest'),
      '401': responseRef('Unauthorized'),
      '403': responseRef('Forbidden'),
      '409': responseRef('IdempotencyConflict'),
      '429': responseRef('TooManyRequests'),
      '500': responseRef('InternalError'),
      '503': responseRef('ServiceUnavailable'),
    });
    expect(create.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]);
  });

  it("should add ApiEndpoint's own errors as problem details, 404 and a uuid format for a UuidParamPipe path id, and no 403 when every role may call", () => {
    const get = document.paths['/v1/things/{id}']!.get!;

    expect(get.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }]);
    expect(get.responses['409']).toEqual({ description: expect.stringContaining('THING_LOCKED'), content: problem });
    expect(get.responses['404']).toEqual(responseRef('NotFound'));
    expect(get.responses['403']).toBeUndefined();
    expect((get as unknown as Record<string, unknown>)['x-roles']).toEqual(Object.values(Role));
  });

  it('should describe a public operation without security, 401 or 403', () => {
    const count = document.paths['/v1/things']!.get!;

    expect(count).toMatchObject({ security: [], description: 'Public: no API key needed.', 'x-roles': [] });
    expect(Object.keys(count.responses)).toEqual(['200', '500', '503']);
  });

  it('should give a document the repository checks find complete, OpenAPI 3.1 with the API-key scheme', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components!.securitySchemes!.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: expect.stringMatching(/API key/) });
    expect(openApiProblems(document)).toEqual([]);
    expect(document.tags).toEqual([{ name: 'things', description: 'things' }]);
  });
});
