import { BaseError, decodeErrorResult, type Abi, type Hex } from 'viem';
import { fundFactoryAbi, fundSettlementAbi, fundTokenAbi, identityRegistryAbi } from './abis/index.js';

const PLATFORM_ABI = [...identityRegistryAbi, ...fundTokenAbi, ...fundFactoryAbi, ...fundSettlementAbi] as Abi;

/** A decoded contract revert: the custom error's name and arguments. */
export interface DecodedRevert {
  errorName: string;
  args: readonly unknown[];
}

/**
 * Finds revert data in a viem error's cause chain and decodes it against the platform's ABIs.
 * Classifies by structure, never by message text (style.md E17). Returns undefined for a
 * non-revert error (a timeout, a dropped connection), which is transient.
 */
export function decodeRevert(error: unknown): DecodedRevert | undefined {
  if (!(error instanceof BaseError)) return undefined;
  let data: Hex | undefined;
  error.walk((cause) => {
    const candidate = (cause as { data?: unknown }).data;
    if (typeof candidate === 'string' && candidate.startsWith('0x') && candidate.length >= 10) data = candidate as Hex;
    else if (candidate && typeof candidate === 'object' && typeof (candidate as { data?: unknown }).data === 'string') {
      data = (candidate as { data: Hex }).data;
    }
    return false;
  });
  if (!data) return isExecutionRevert(error) ? { errorName: 'UnknownRevert', args: [] } : undefined;
  try {
    const decoded = decodeErrorResult({ abi: PLATFORM_ABI, data });
    return { errorName: decoded.errorName, args: decoded.args ?? [] };
  } catch {
    return { errorName: 'UnknownRevert', args: [data] };
  }
}

function isExecutionRevert(error: BaseError): boolean {
  return Boolean(error.walk((cause) => (cause as { name?: string }).name === 'ExecutionRevertedError'));
}
