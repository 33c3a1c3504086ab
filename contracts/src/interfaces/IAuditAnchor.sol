// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IAuditAnchor
/// @notice Keeps, outside the platform's database, the head (position and hash) of each hash chain of
///         an audit trail, so that a trail whose newest rows were deleted, or which was rewritten and
///         re-sealed, no longer matches what was anchored.
/// @dev Heads are kept per anchorer (`msg.sender`): anyone may anchor, but only the platform's signer
///      can write the heads that the platform's verifier reads. A head only moves forward.
interface IAuditAnchor {
    /// @notice The anchored head of one chain.
    /// @param position The head row's position in its chain (1 for the first row; 0: never anchored).
    /// @param hash The head row's seal.
    /// @param anchoredAt Block timestamp of the anchoring.
    struct Head {
        uint64 position;
        uint64 anchoredAt;
        bytes32 hash;
    }

    /// @notice Emitted for each chain whose head moved.
    /// @param anchorer Who anchored it.
    /// @param chain The chain.
    /// @param position The new head position.
    /// @param hash The new head hash.
    event HeadAnchored(address indexed anchorer, uint16 indexed chain, uint64 position, bytes32 hash);

    /// @notice The three arrays of {anchor} differ in length.
    error AuditAnchorLengthMismatch(uint256 chains, uint256 positions, uint256 hashes);

    /// @notice A head with position 0 or a zero hash: nothing to anchor.
    error AuditAnchorEmptyHead(uint16 chain);

    /// @notice The head would move back: rows the anchorer anchored before are gone from its trail.
    error AuditAnchorPositionRegressed(address anchorer, uint16 chain, uint64 anchored, uint64 position);

    /// @notice The same position was anchored with another hash: the trail was rewritten.
    error AuditAnchorHashChanged(address anchorer, uint16 chain, uint64 position, bytes32 anchored, bytes32 hash);

    /// @notice Anchors the caller's heads of `chains`. A head equal to the one anchored is left as it is
    ///         (no event), so a retried anchoring does not revert.
    /// @param chains The chains.
    /// @param positions Each chain's head position (not below the one anchored).
    /// @param hashes Each chain's head hash (the anchored one again if the position did not move).
    function anchor(uint16[] calldata chains, uint64[] calldata positions, bytes32[] calldata hashes) external;

    /// @notice The head `anchorer` anchored for `chain` (all zero if none).
    /// @param anchorer The anchorer.
    /// @param chain The chain.
    /// @return head The head.
    function headOf(address anchorer, uint16 chain) external view returns (Head memory head);

    /// @notice The heads `anchorer` anchored for `chains`, in the same order.
    /// @param anchorer The anchorer.
    /// @param chains The chains.
    /// @return heads The heads.
    function headsOf(address anchorer, uint16[] calldata chains) external view returns (Head[] memory heads);
}
