import { applyDecorators } from '@nestjs/common';
import { Matches, MaxLength, ValidationOptions } from 'class-validator';
import { CATALOGUE_ITEM_CODE_PATTERN, MAX_CATALOGUE_ITEM_CODE_LENGTH } from '@cs/contracts';

/** A catalogue item's code in OpenAPI, as the events carry it. */
export const ITEM_CODE_SCHEMA = { pattern: CATALOGUE_ITEM_CODE_PATTERN, maxLength: MAX_CATALOGUE_ITEM_CODE_LENGTH, example: 'consultation.property_service' } as const;

const ITEM_CODE = new RegExp(CATALOGUE_ITEM_CODE_PATTERN);

/**
 * A catalogue item's code (`<section>.<item>`, each code of a list with `each`), held to the
 * events' contract in every service: a longer one was taken by a request and refused by the
 * contract of the event it went into (an approval, a search's knowledge gap), a 500 instead of a
 * 400 naming the field.
 */
export function IsItemCode(options: ValidationOptions = {}): PropertyDecorator {
  const { message, ...each } = options;
  return applyDecorators(
    Matches(ITEM_CODE, { ...each, message: message ?? '$property must look like <section>.<item>' }),
    MaxLength(MAX_CATALOGUE_ITEM_CODE_LENGTH, each),
  );
}
