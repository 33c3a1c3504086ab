import {
  CallExecutionError,
  encodeErrorResult,
  HttpRequestError,
  InternalRpcError,
  InvalidInputRpcError,
  NonceTooLowError,
  RpcRequestError,
  TimeoutError,
  TransactionExecutionError,
  WaitForTransactionReceiptTimeoutError,
  type Hex,
} from 'viem';
import { fundTokenAbi } from '../abis/index.js';
import { classifyRpcError, RpcErrorKind } from '../rpc-errors.js';

/** A JSON-RPC error as viem's http transport raises it, wrapped the way viem's request layer does for the code. */
function nodeError(code: number, message: string, data?: Hex) {
  const request = new RpcRequestError({ body: { method: 'eth_sendRawTransaction' }, error: { code, message, data }, url: 'http://node' });
  return code === -32000 ? new InvalidInputRpcError(request) : code === -32603 ? new InternalRpcError(request) : request;
}

describe(classifyRpcError.name, () => {
  describe('nonces', () => {
    it.each([
      ['geth', 'nonce too low: next nonce 7, tx nonce 5'],
      ['Hardhat', 'Nonce too low. Expected nonce to be 7 but got 5.'],
    ])('should classify a raw %s "nonce too low" answer as NONCE_TOO_LOW', (_node, message) => {
      expect(classifyRpcError(nodeError(-32000, message))).toEqual({ kind: RpcErrorKind.NONCE_TOO_LOW, retryable: true });
    });

    it('should classify viem typed NonceTooLowError deep in a cause chain', () => {
      const error = new TransactionExecutionError(new NonceTooLowError({ nonce: 5 }), { account: undefined } as never);
      expect(classifyRpcError(error).kind).toBe(RpcErrorKind.NONCE_TOO_LOW);
    });

    it('should classify "nonce too high" (Hardhat automine refuses queued nonces) as NONCE_TOO_HIGH', () => {
      const error = nodeError(-32000, "Nonce too high. Expected nonce to be 3 but got 4. Note that transactions can't be queued when automining.");
      expect(classifyRpcError(error).kind).toBe(RpcErrorKind.NONCE_TOO_HIGH);
    });
  });

  describe('fees', () => {
    it.each([
      'replacement transaction underpriced',
      'Replacement transaction underpriced. A gasPrice/maxFeePerGas of at least 2000000000 is necessary to replace the existing transaction with nonce 4.',
      'max fee per gas less than block base fee: address 0x0, maxFeePerGas: 1 baseFee: 7',
      'transaction underpriced',
    ])('should classify "%s" as UNDERPRICED', (message) => {
      expect(classifyRpcError(nodeError(-32000, message))).toEqual({ kind: RpcErrorKind.UNDERPRICED, retryable: true });
    });

    it('should classify insufficient funds as INSUFFICIENT_FUNDS, retryable', () => {
      expect(classifyRpcError(nodeError(-32000, 'insufficient funds for gas * price + value'))).toEqual({ kind: RpcErrorKind.INSUFFICIENT_FUNDS, retryable: true });
    });
  });

  describe('reverts', () => {
    it('should decode the custom error and mark it permanent', () => {
      const data = encodeErrorResult({ abi: fundTokenAbi, errorName: 'FundTokenReferenceUsed', args: [42n] });
      const error = new CallExecutionError(nodeError(3, 'execution reverted', data), {} as never);

      const classification = classifyRpcError(error);

      expect(classification.kind).toBe(RpcErrorKind.REVERTED);
      expect(classification.retryable).toBe(false);
      expect(classification.revert).toEqual({ errorName: 'FundTokenReferenceUsed', args: [42n] });
    });
  });

  describe('transport', () => {
    it('should classify a request timeout and a receipt timeout as TIMEOUT', () => {
      expect(classifyRpcError(new TimeoutError({ body: {}, url: 'http://node' })).kind).toBe(RpcErrorKind.TIMEOUT);
      expect(classifyRpcError(new WaitForTransactionReceiptTimeoutError({ hash: `0x${'1'.repeat(64)}` })).kind).toBe(RpcErrorKind.TIMEOUT);
    });

    it('should classify an unreachable or failing node as UNAVAILABLE', () => {
      expect(classifyRpcError(new HttpRequestError({ url: 'http://node', status: 502 })).kind).toBe(RpcErrorKind.UNAVAILABLE);
      expect(classifyRpcError(nodeError(-32603, 'internal error')).kind).toBe(RpcErrorKind.UNAVAILABLE);
    });

    it('should treat anything else as UNKNOWN and retryable', () => {
      expect(classifyRpcError(new Error('boom'))).toEqual({ kind: RpcErrorKind.UNKNOWN, retryable: true });
    });
  });
});
