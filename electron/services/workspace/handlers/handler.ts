import type { z } from 'zod';
import type { Api, MethodName, MethodOutput } from '../../../../shared/contract/api';
import type { CallContext } from '../call-context';

/** A call after the transport and the contract have vetted it. */
export interface HandlerContext extends CallContext {
  /** Author recorded on events: the caller, or this machine's operator. */
  actor: string;
}

export type Handler<M extends MethodName> = (input: z.output<Api[M]['input']>, ctx: HandlerContext) => Promise<MethodOutput<M>> | MethodOutput<M>;

/** Handlers for a set of methods; the full map must cover every method of the contract. */
export type HandlerMap<K extends MethodName = MethodName> = { [M in K]: Handler<M> };
