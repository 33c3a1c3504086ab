// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAuditAnchor} from "./interfaces/IAuditAnchor.sol";

/// @title AuditAnchor
/// @notice The heads of the platform's audit hash chains, outside its database (see {IAuditAnchor}).
/// @dev No roles and no owner: heads are keyed by their anchorer, so the contract needs no
///      administration and a fresh deployment can hold nothing written by the platform's signer. The
///      platform's verifier reads the heads of its own signer only, and checks the contract's code.
contract AuditAnchor is IAuditAnchor {
    mapping(address anchorer => mapping(uint16 chain => Head)) private _heads;

    /// @inheritdoc IAuditAnchor
    function anchor(uint16[] calldata chains, uint64[] calldata positions, bytes32[] calldata hashes) public virtual {
        require(
            chains.length == positions.length && chains.length == hashes.length,
            AuditAnchorLengthMismatch(chains.length, positions.length, hashes.length)
        );
        for (uint256 i = 0; i < chains.length; ++i) {
            _anchor(chains[i], positions[i], hashes[i]);
        }
    }

    /// @inheritdoc IAuditAnchor
    function headOf(address anchorer, uint16 chain) public view virtual returns (Head memory) {
        return _heads[anchorer][chain];
    }

    /// @inheritdoc IAuditAnchor
    function headsOf(address anchorer, uint16[] calldata chains) public view virtual returns (Head[] memory heads) {
        heads = new Head[](chains.length);
        for (uint256 i = 0; i < chains.length; ++i) {
            heads[i] = _heads[anchorer][chains[i]];
        }
    }

    function _anchor(uint16 chain, uint64 position, bytes32 hash) internal virtual {
        require(position != 0 && hash != bytes32(0), AuditAnchorEmptyHead(chain));
        Head storage head = _heads[msg.sender][chain];
        uint64 anchored = head.position;
        require(position >= anchored, AuditAnchorPositionRegressed(msg.sender, chain, anchored, position));
        if (position == anchored) {
            require(hash == head.hash, AuditAnchorHashChanged(msg.sender, chain, position, head.hash, hash));
            return;
        }
        head.position = position;
        head.anchoredAt = uint64(block.timestamp);
        head.hash = hash;
        emit HeadAnchored(msg.sender, chain, position, hash);
    }
}
