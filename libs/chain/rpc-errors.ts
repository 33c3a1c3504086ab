import {
  BaseError,
  FeeCapTooLowError,
  HttpRequestError,
  InsufficientFundsError,
  InternalRpcError,
  LimitExceededRpcError,
  NonceTooHighError,
  NonceTooLowError,
  ResourceUnavailableRpcError,
  RpcError,
  RpcRequestError,
  SocketClosedError,
  TimeoutError,
  TipAboveFeeCapError,
  WaitForTransactionReceiptTimeoutError,
  WebSocketRequestError,
} from 'viem';
import { getNodeError } from 'viem/utils';
import { decodeRevert, type DecodedRevert } from './revert-decoder.js';

/**
 * What to do about a failed RPC call. Each kind has exactly one reaction in the
 * TransactionManager, so a new node error needs a new kind, not a new message check.
 */
export enum RpcErrorKind {
  /** The nonce is already used on chain: resynchronise (ours was mined, or another sender took it). */
  NONCE_TOO_LOW = 'NONCE_TOO_LOW',
  /** A lower nonce of ours has not reached the node yet: wait for it, or fill the gap. */
  NONCE_TOO_HIGH = 'NONCE_TOO_HIGH',
  /** The fees are below what the node accepts (base fee rose, or a replacement needs more): bump. */
  UNDERPRICED = 'UNDERPRICED',
  /** The contract refused: decode the custom error and fail permanently. */
  REVERTED = 'REVERTED',
  /** The signer cannot pay for gas: retry later (an operator must fund it). */
  INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS',
  /** The node did not answer in time: retry with backoff. */
  TIMEOUT = 'TIMEOUT',
  /** The node is unreachable, overloaded or failed internally: retry with backoff. */
  UNAVAILABLE = 'UNAVAILABLE',
  /** Anything else: treated as transient. */
  UNKNOWN = 'UNKNOWN',
}

export interface RpcErrorClassification {
  kind: RpcErrorKind;
  /** Whether retrying can ever help. Only a revert is permanent. */
  retryable: boolean;
  /** For REVERTED: the decoded custom error. */
  revert?: DecodedRevert;
}

/**
 * Nodes answer a replacement with too small a fee bump with a plain JSON-RPC error that viem does
 * not type. Like viem's own node errors (getNodeError), this class owns the one pattern that
 * recognises it, so callers classify by class and never read message text.
 */
export class ReplacementUnderpricedError extends BaseError {
  static readonly nodeMessage = /replacement transaction underpriced|replacement fee too low|transaction underpriced|replacement transaction .*underpriced/;
  constructor({ cause }: { cause?: BaseError } = {}) {
    super('The replacement transaction does not raise the fees enough.', { cause, name: 'ReplacementUnderpricedError' });
  }
}

const KIND_BY_CLASS: [abstract new (...args: never[]) => Error, RpcErrorKind][] = [
  [NonceTooLowError, RpcErrorKind.NONCE_TOO_LOW],
  [NonceTooHighError, RpcErrorKind.NONCE_TOO_HIGH],
  [ReplacementUnderpricedError, RpcErrorKind.UNDERPRICED],
  [FeeCapTooLowError, RpcErrorKind.UNDERPRICED],
  [TipAboveFeeCapError, RpcErrorKind.UNDERPRICED],
  [InsufficientFundsError, RpcErrorKind.INSUFFICIENT_FUNDS],
  [TimeoutError, RpcErrorKind.TIMEOUT],
  [WaitForTransactionReceiptTimeoutError, RpcErrorKind.TIMEOUT],
  [HttpRequestError, RpcErrorKind.UNAVAILABLE],
  [SocketClosedError, RpcErrorKind.UNAVAILABLE],
  [WebSocketRequestError, RpcErrorKind.UNAVAILABLE],
  [LimitExceededRpcError, RpcErrorKind.UNAVAILABLE],
  [ResourceUnavailableRpcError, RpcErrorKind.UNAVAILABLE],
  [InternalRpcError, RpcErrorKind.UNAVAILABLE],
];

/**
 * Classifies an error from viem by its class and the classes in its cause chain (style.md E17).
 * Raw JSON-RPC errors (eth_sendRawTransaction is not mapped by viem) are first turned into viem's
 * typed node errors with `getNodeError`, the same mapping viem applies to `sendTransaction`.
 */
export function classifyRpcError(error: unknown): RpcErrorClassification {
  const revert = decodeRevert(error);
  if (revert) return { kind: RpcErrorKind.REVERTED, retryable: false, revert };
  if (!(error instanceof BaseError)) return { kind: RpcErrorKind.UNKNOWN, retryable: true };

  const chain: Error[] = [];
  error.walk((cause) => {
    chain.push(cause as Error);
    return false;
  });
  for (const cause of chain) {
    const typed = toNodeError(cause);
    for (const [errorClass, kind] of KIND_BY_CLASS) {
      if (typed instanceof errorClass || cause instanceof errorClass) return { kind, retryable: true };
    }
  }
  return { kind: RpcErrorKind.UNKNOWN, retryable: true };
}

/** The typed node error behind a raw RPC error, or the error itself. */
function toNodeError(cause: Error): Error {
  if (!(cause instanceof RpcError || cause instanceof RpcRequestError)) return cause;
  const details = (cause.details ?? '').toLowerCase();
  if (ReplacementUnderpricedError.nodeMessage.test(details)) return new ReplacementUnderpricedError({ cause });
  const typed = getNodeError(cause, {});
  return typed.name === 'UnknownNodeError' ? cause : typed;
}
