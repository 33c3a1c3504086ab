import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

const pages = new Map<Type<unknown>, Type<unknown>>();

/**
 * The response DTO of a list endpoint, `{ items, nextCursor }` (api-contract.md, "Lists"), for the
 * OpenAPI document: `FundResponseDto` gives the component `FundPage`. One class per item type.
 */
export function PageOf(item: Type<unknown>): Type<unknown> {
  const known = pages.get(item);
  if (known) return known;
  class Page {
    @ApiProperty({ type: [item] }) items: unknown[];
    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/(Response)?Dto$/, '')}Page` });
  pages.set(item, Page);
  return Page;
}
