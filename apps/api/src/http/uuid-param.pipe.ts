import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InputValidationException } from '@rwa/common';

/** Path ids are UUIDs; anything else is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) throw new InputValidationException([{ field: metadata.data ?? 'id', message: `${metadata.data ?? 'id'} must be a UUID` }]);
    return value;
  }
}
