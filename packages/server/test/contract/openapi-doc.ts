/** The parts of the published OpenAPI document the contract tests read. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

export type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema: JsonSchema };

type Content = Record<string, { schema?: JsonSchema }>;

export type Operation = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Content };
  responses?: Record<string, { content?: Content }>;
};

export type OpenApiDoc = {
  openapi: string;
  tags?: { name: string }[];
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
};

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    methods.filter((m) => item[m]).map((m) => ({ ...item[m]!, method: m.toUpperCase() as Operation['method'], path })),
  );
}

/** Multipart uploads document no JSON body; they are recognised by their route. */
export const isMultipart = (op: Operation) => op.operationId === 'addOrderAttachment' || !!op.requestBody?.content?.['multipart/form-data'];
export const bodySchemaOf = (op: Operation): JsonSchema | undefined => op.requestBody?.content?.['application/json']?.schema;
