// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IFundFactory} from "./interfaces/IFundFactory.sol";
import {IFundToken} from "./interfaces/IFundToken.sol";

/// @title FundFactory
/// @notice Deploys each fund's {FundToken} as an EIP-1167 minimal proxy at a CREATE2 address derived
///         from the fund id, with the identity registry as the clone's immutable argument.
/// @dev Minimal proxies rather than upgradeable proxies: a clone costs a few hundred bytes of code
///      deposit instead of a full deployment, and no one, including the platform, can change the code
///      of a live fund. A new token version means a new implementation and factory; existing funds
///      keep theirs. Whether a fund exists is read from the code at its predicted address, so the
///      factory keeps no per-fund storage.
contract FundFactory is IFundFactory, AccessControl {
    /// @notice Role allowed to create funds.
    bytes32 public constant DEPLOYER_ROLE = keccak256("DEPLOYER_ROLE");

    address private immutable _implementation;
    address private immutable _identityRegistry;

    /// @param implementation_ The {FundToken} implementation (deployed with its constructor, which locks it).
    /// @param identityRegistry_ The identity registry every token reads.
    /// @param admin Receives DEFAULT_ADMIN_ROLE and DEPLOYER_ROLE.
    constructor(address implementation_, address identityRegistry_, address admin) {
        require(implementation_ != address(0), FundFactoryZeroAddress(0));
        require(identityRegistry_ != address(0), FundFactoryZeroAddress(1));
        require(admin != address(0), FundFactoryZeroAddress(2));
        _implementation = implementation_;
        _identityRegistry = identityRegistry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(DEPLOYER_ROLE, admin);
    }

    /// @inheritdoc IFundFactory
    function createFund(bytes32 fundId, FundParams calldata params)
        public
        virtual
        onlyRole(DEPLOYER_ROLE)
        returns (address token)
    {
        require(fundId != bytes32(0), FundFactoryInvalidFundId(fundId));
        address existing = fundOf(fundId);
        require(existing == address(0), FundFactoryFundExists(fundId, existing));
        token = Clones.cloneDeterministicWithImmutableArgs(_implementation, _cloneArgs(), fundId);
        IFundToken(token).initialize(params);
        emit FundCreated(fundId, token, params.admin, params.agent, params.name, params.symbol, params.decimals);
    }

    /// @inheritdoc IFundFactory
    function predictFundAddress(bytes32 fundId) public view virtual returns (address) {
        return Clones.predictDeterministicAddressWithImmutableArgs(_implementation, _cloneArgs(), fundId);
    }

    /// @inheritdoc IFundFactory
    function fundOf(bytes32 fundId) public view virtual returns (address) {
        address token = predictFundAddress(fundId);
        return token.code.length != 0 ? token : address(0);
    }

    /// @inheritdoc IFundFactory
    function implementation() public view virtual returns (address) {
        return _implementation;
    }

    /// @inheritdoc IFundFactory
    function identityRegistry() public view virtual returns (address) {
        return _identityRegistry;
    }

    /// @dev The clone's immutable argument: the registry address, read back by {FundToken-identityRegistry}.
    function _cloneArgs() private view returns (bytes memory) {
        return abi.encodePacked(_identityRegistry);
    }
}
