/**
 * The one entry point both hosts call. Validates input against the contract, runs the handler,
 * validates the output, and turns every failure into `{ code, message, details }`.
 * Adding a channel: declare it in its feature's contract (src-shared/contract/<feature>.ts), then
 * add its handler to the feature's `handlers` (core/<feature>/index.ts); the `Handlers` type makes
 * a missing handler a compile error. Neither host changes.
 */
import { z } from 'zod';
import { channels, isChannelName, type ChannelInput, type ChannelName, type ChannelOutput } from '../../src-shared/contract/channels';
import { AppError, type DispatchResult } from '../../src-shared/contract/errors';
import { HANDLERS } from './app';
import type { HostServices } from './host-services';
import type { Workspace } from './workspace/open-workspace';

type Handler<C extends ChannelName> = (ws: Workspace, input: z.output<(typeof channels)[C]['input']>, host: HostServices) => Promise<ChannelOutput<C>>;
type Handlers = { [C in ChannelName]: Handler<C> };

// The features' handler maps, checked here against the whole contract: a channel without a
// handler is a compile error.
const handlers: Handlers = HANDLERS;

function issuesOf(error: z.ZodError) {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export type Dispatch = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<DispatchResult<ChannelOutput<C>>>;

export function createDispatch(ws: Workspace, host: HostServices = {}): (channel: string, input: unknown) => Promise<DispatchResult<unknown>> {
  return async (channel, input) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${channel}`, details: { channel } } };
    }
    const contract = channels[channel];
    const parsedInput = contract.input.safeParse(input ?? {});
    if (!parsedInput.success) {
      return {
        ok: false,
        error: { code: 'INVALID_INPUT', message: `Invalid input for ${channel}`, details: { issues: issuesOf(parsedInput.error) } },
      };
    }
    try {
      const handler = handlers[channel] as Handler<ChannelName>;
      const output = await handler(ws, parsedInput.data as never, host);
      const parsedOutput = contract.output.safeParse(output);
      if (!parsedOutput.success) {
        ws.ctx.log('error', `invalid output from ${channel}`, issuesOf(parsedOutput.error));
        return { ok: false, error: { code: 'INVALID_OUTPUT', message: `Handler for ${channel} returned invalid output` } };
      }
      return { ok: true, data: parsedOutput.data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() };
      ws.ctx.log('error', `handler ${channel} failed`, error);
      return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}

/** Typed convenience over `createDispatch` for tests and the CLI: throws AppError on failure. */
export function createCaller(ws: Workspace, host: HostServices = {}) {
  const dispatch = createDispatch(ws, host);
  return async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await dispatch(channel, input);
    if (!result.ok) throw AppError.fromData(result.error);
    return result.data as ChannelOutput<C>;
  };
}
