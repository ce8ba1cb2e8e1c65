/**
 * The one entry point both transports (Electron IPC and the web-mode WebSocket) call: it refuses
 * unknown methods, validates the params with the method's zod schema, runs the StudioApi method
 * and turns any failure into an RpcError the renderer can show (inline when it names a field).
 */
import { z } from 'zod';
import { ApiParams, type ApiMethod, type RpcError, type RpcResponse, type StudioApi } from '../../../shared/api.js';
import { fieldName } from '../../../shared/project-file.js';
import { isStudioError, StudioError } from '../errors.js';

export function isApiMethod(method: unknown): method is ApiMethod {
  return typeof method === 'string' && Object.hasOwn(ApiParams, method);
}

/** Validates and runs one call; throws a StudioError (INVALID_PARAMS, UNKNOWN_METHOD, or the method's own). */
export async function dispatch(api: StudioApi, method: unknown, params: unknown): Promise<unknown> {
  if (!isApiMethod(method)) {
    throw new StudioError(`Unknown method ${JSON.stringify(method)}: the studio answers only ${Object.keys(ApiParams).join(', ')}.`, {
      code: 'UNKNOWN_METHOD',
    });
  }
  const parsed = ApiParams[method].safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? fieldName(issue.path) : '';
    throw new StudioError(`Invalid params for ${method}: ${field || '(params)'}: ${issue?.message ?? 'invalid'}.`, {
      code: 'INVALID_PARAMS',
      field: field || undefined,
    });
  }
  // The schema and the method agree by construction (ParamsOf<M>); TypeScript cannot see it through the union.
  const run = api[method] as (p: unknown) => Promise<unknown>;
  return run.call(api, parsed.data);
}

/** A failure as it crosses the wire: StudioErrors keep their code and field; anything else is INTERNAL. */
export function toRpcError(error: unknown): RpcError {
  if (isStudioError(error)) {
    return error.options.field ? { code: error.code, message: error.message, field: error.options.field } : { code: error.code, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `The studio failed unexpectedly: ${message}` };
}

const RequestSchema = z.object({ id: z.number().int(), method: z.string(), params: z.unknown() });

/** Parses one raw request envelope and answers it; a malformed envelope gets id -1. */
export async function handleRequest(api: StudioApi, raw: unknown): Promise<RpcResponse> {
  const request = RequestSchema.safeParse(raw);
  if (!request.success) {
    return { id: -1, ok: false, error: { code: 'BAD_REQUEST', message: 'A request needs a numeric id, a method name and params.' } };
  }
  const { id, method, params } = request.data;
  try {
    return { id, ok: true, result: (await dispatch(api, method, params)) ?? null };
  } catch (error) {
    return { id, ok: false, error: toRpcError(error) };
  }
}
