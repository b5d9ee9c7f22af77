import { z } from 'zod';
import { CONDITION_NAMES, RANGE_CONDITION_NAMES, type ConditionName } from './conditions';
import { badRequest } from './errors';

/**
 * zod schemas of the request bodies @forge/kvs 1.6.5 sends (see its out/interfaces/kvs-api.d.ts).
 * Keys and values are only shape-checked here; their Forge limits are checked in limits.ts so each
 * failure gets Forge's own error code.
 */

const metadataFields = z.array(z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'])).optional();
const ttl = z.object({ value: z.number().int().positive(), unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) });
const getOptions = z.object({ metadataFields }).optional();
const setOptions = z
  .object({
    ttl: ttl.optional(),
    keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
    returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
    returnMetadataFields: metadataFields,
  })
  .optional();

const conditionName = z.enum(CONDITION_NAMES as [ConditionName, ...ConditionName[]]);
const propertyCondition = z.object({ property: z.string().min(1), condition: conditionName, values: z.array(z.unknown()) });
const conditionGroup = z.object({ and: z.array(propertyCondition).optional(), or: z.array(propertyCondition).optional() });

export const getBody = z.object({ key: z.string(), options: getOptions });
export const setBody = z.object({ key: z.string(), value: z.unknown(), options: setOptions });
export const deleteBody = z.object({ key: z.string() });
export const entityGetBody = getBody.extend({ entityName: z.string() });
export const entitySetBody = setBody.extend({ entityName: z.string() });
export const entityDeleteBody = deleteBody.extend({ entityName: z.string() });

export const queryBody = z.object({
  limit: z.number().int().optional(),
  after: z.string().optional(),
  where: z
    .array(z.object({ property: z.literal('key'), condition: z.literal('BEGINS_WITH'), values: z.array(z.unknown()).length(1) }))
    .optional(),
  options: getOptions,
});

export const entityQueryBody = z.object({
  entityName: z.string(),
  indexName: z.string(),
  partition: z.array(z.unknown()).optional(),
  range: z
    .object({ condition: z.enum(RANGE_CONDITION_NAMES as [ConditionName, ...ConditionName[]]), values: z.array(z.unknown()) })
    .optional(),
  filters: conditionGroup.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  limit: z.number().int().optional(),
  cursor: z.string().optional(),
  options: getOptions,
});

export const batchSetBody = z.array(
  z.object({ entityName: z.string().optional(), key: z.string(), value: z.unknown(), options: z.object({ ttl: ttl.optional() }).optional() }),
);
export const batchDeleteBody = z.array(z.object({ entityName: z.string().optional(), key: z.string() }));
export const batchGetBody = z.array(z.object({ entityName: z.string().optional(), key: z.string(), options: getOptions }));

export const transactionBody = z.object({
  set: z
    .array(
      z.object({
        key: z.string(),
        value: z.unknown(),
        entityName: z.string().optional(),
        conditions: conditionGroup.optional(),
        options: z.object({ ttl: ttl.optional() }).optional(),
      }),
    )
    .optional(),
  delete: z.array(z.object({ key: z.string(), entityName: z.string().optional(), conditions: conditionGroup.optional() })).optional(),
  check: z.array(z.object({ key: z.string(), entityName: z.string().optional(), conditions: conditionGroup })).optional(),
});

/** Parses a body or throws BAD_REQUEST naming the first wrong field and what was expected. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
  throw badRequest(`Provided request body is invalid: ${where}: ${issue?.message ?? 'unexpected shape'}`);
}
