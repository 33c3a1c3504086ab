// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";

/// @title IdentityRegistry
/// @notice Verified wallets shared by all funds of a platform deployment. See {IIdentityRegistry}.
/// @dev One storage word per wallet holds everything a transfer check needs (expiry, jurisdiction,
///      class and the first 21 bytes of the investor id), so a token reads one cold slot per side.
contract IdentityRegistry is IIdentityRegistry, AccessControl {
    /// @notice Role allowed to register, update and remove wallets.
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");

    uint256 private constant _EXPIRY_MASK = type(uint64).max;
    uint256 private constant _JURISDICTION_SHIFT = 64;
    uint256 private constant _CLASS_SHIFT = 80;
    uint256 private constant _INVESTOR_SHIFT = 88;

    /// @dev The platform's latest binding of a wallet and its identity's version: a second slot that
    ///      only agent writes read, so transfer checks still read one slot per side.
    struct Binding {
        uint64 id;
        uint64 version;
    }

    mapping(address wallet => uint256 packed) private _identities;
    mapping(address wallet => Binding) private _bindings;

    /// @param admin Receives DEFAULT_ADMIN_ROLE and AGENT_ROLE.
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(AGENT_ROLE, admin);
    }

    /// @inheritdoc IIdentityRegistry
    function registerIdentity(
        address wallet,
        bytes32 investorId,
        uint16 jurisdiction,
        uint8 investorClass,
        uint64 expiresAt
    ) public virtual onlyRole(AGENT_ROLE) {
        _register(wallet, investorId, jurisdiction, investorClass, expiresAt);
    }

    /// @inheritdoc IIdentityRegistry
    function batchRegisterIdentities(
        address[] calldata wallets,
        bytes32[] calldata investorIds,
        uint16[] calldata jurisdictions,
        uint8[] calldata investorClasses,
        uint64[] calldata expiresAt
    ) public virtual onlyRole(AGENT_ROLE) {
        uint256 n = wallets.length;
        _requireLength(n, investorIds.length);
        _requireLength(n, jurisdictions.length);
        _requireLength(n, investorClasses.length);
        _requireLength(n, expiresAt.length);
        for (uint256 i = 0; i < n; ++i) {
            _register(wallets[i], investorIds[i], jurisdictions[i], investorClasses[i], expiresAt[i]);
        }
    }

    /// @inheritdoc IIdentityRegistry
    function updateIdentity(
        address wallet,
        uint16 jurisdiction,
        uint8 investorClass,
        uint64 expiresAt
    ) public virtual onlyRole(AGENT_ROLE) {
        uint256 packed = _identities[wallet];
        require(packed != 0, IdentityRegistryNotRegistered(wallet));
        _register(wallet, _investorIdOf(packed), jurisdiction, investorClass, expiresAt);
    }

    /// @inheritdoc IIdentityRegistry
    function removeIdentity(address wallet) public virtual onlyRole(AGENT_ROLE) {
        require(_remove(wallet), IdentityRegistryNotRegistered(wallet));
    }

    /// @inheritdoc IIdentityRegistry
    function batchRemoveIdentities(address[] calldata wallets) public virtual onlyRole(AGENT_ROLE) {
        for (uint256 i = 0; i < wallets.length; ++i) {
            _remove(wallets[i]);
        }
    }

    /// @inheritdoc IIdentityRegistry
    function registerBoundIdentity(
        address wallet,
        uint64 bindingId,
        uint64 version,
        bytes32 investorId,
        uint16 jurisdiction,
        uint8 investorClass,
        uint64 expiresAt
    ) public virtual onlyRole(AGENT_ROLE) {
        uint64 current = _bindings[wallet].id;
        require(bindingId > current, IdentityRegistryStaleBinding(wallet, bindingId, current));
        // The new binding replaces what the wallet held, whoever's it was: the platform ended that
        // binding before making this one, and a removal of it still on its way is refused below.
        _remove(wallet);
        _register(wallet, investorId, jurisdiction, investorClass, expiresAt);
        _bindings[wallet] = Binding(bindingId, version);
        emit IdentityBound(wallet, bindingId, version);
    }

    /// @inheritdoc IIdentityRegistry
    function updateBoundIdentity(
        address wallet,
        uint64 bindingId,
        uint64 version,
        uint16 jurisdiction,
        uint8 investorClass,
        uint64 expiresAt
    ) public virtual onlyRole(AGENT_ROLE) {
        uint256 packed = _requireBound(wallet, bindingId);
        Binding storage binding = _bindings[wallet];
        require(version > binding.version, IdentityRegistryStaleVersion(wallet, version, binding.version));
        _register(wallet, _investorIdOf(packed), jurisdiction, investorClass, expiresAt);
        binding.version = version;
        emit IdentityBound(wallet, bindingId, version);
    }

    /// @inheritdoc IIdentityRegistry
    function removeBoundIdentity(address wallet, uint64 bindingId) public virtual onlyRole(AGENT_ROLE) {
        _requireBound(wallet, bindingId);
        // The binding stays recorded: registering it again is stale, updating it a mismatch.
        _remove(wallet);
    }

    /// @inheritdoc IIdentityRegistry
    function bindingOf(address wallet) public view virtual returns (uint64 bindingId, uint64 version) {
        Binding memory binding = _bindings[wallet];
        return (binding.id, binding.version);
    }

    /// @inheritdoc IIdentityRegistry
    function isVerified(address wallet) public view virtual returns (bool) {
        uint256 packed = _identities[wallet];
        return packed != 0 && block.timestamp < (packed & _EXPIRY_MASK);
    }

    /// @inheritdoc IIdentityRegistry
    function isRegistered(address wallet) public view virtual returns (bool) {
        return _identities[wallet] != 0;
    }

    /// @inheritdoc IIdentityRegistry
    function identityOf(address wallet)
        public
        view
        virtual
        returns (bytes32 investorId, uint16 jurisdiction, uint8 investorClass, uint64 expiresAt)
    {
        uint256 packed = _identities[wallet];
        investorId = _investorIdOf(packed);
        jurisdiction = uint16(packed >> _JURISDICTION_SHIFT);
        investorClass = uint8(packed >> _CLASS_SHIFT);
        expiresAt = uint64(packed);
    }

    /// @inheritdoc IIdentityRegistry
    function packedIdentityOf(address wallet) public view virtual returns (uint256) {
        return _identities[wallet];
    }

    /// @inheritdoc IIdentityRegistry
    function packedIdentitiesOf(address a, address b) public view virtual returns (uint256, uint256) {
        return (_identities[a], _identities[b]);
    }

    /// @dev Validates and writes one identity, emitting {IdentityRegistered}.
    function _register(
        address wallet,
        bytes32 investorId,
        uint16 jurisdiction,
        uint8 investorClass,
        uint64 expiresAt
    ) internal virtual {
        require(wallet != address(0), IdentityRegistryInvalidWallet(wallet));
        uint256 investorBits = uint256(investorId) >> _INVESTOR_SHIFT;
        require(investorBits != 0, IdentityRegistryInvalidInvestorId(wallet, investorId));
        require(_isJurisdiction(jurisdiction), IdentityRegistryInvalidJurisdiction(wallet, jurisdiction));
        require(_isInvestorClass(investorClass), IdentityRegistryInvalidInvestorClass(wallet, investorClass));

        uint256 previous = _identities[wallet];
        if (previous != 0 && previous >> _INVESTOR_SHIFT != investorBits) {
            revert IdentityRegistryInvestorMismatch(wallet, _investorIdOf(previous), investorId);
        }
        _identities[wallet] = (investorBits << _INVESTOR_SHIFT) | (uint256(investorClass) << _CLASS_SHIFT)
            | (uint256(jurisdiction) << _JURISDICTION_SHIFT) | uint256(expiresAt);
        emit IdentityRegistered(wallet, investorId, jurisdiction, investorClass, expiresAt);
    }

    /// @dev Deletes one identity if present, emitting {IdentityRemoved}. Returns false if absent.
    function _remove(address wallet) internal virtual returns (bool) {
        uint256 packed = _identities[wallet];
        if (packed == 0) return false;
        delete _identities[wallet];
        emit IdentityRemoved(wallet, _investorIdOf(packed));
        return true;
    }

    /// @dev The packed identity of `wallet`, which `bindingId` must hold now.
    function _requireBound(address wallet, uint64 bindingId) private view returns (uint256 packed) {
        packed = _identities[wallet];
        uint64 current = _bindings[wallet].id;
        require(packed != 0 && current == bindingId, IdentityRegistryBindingMismatch(wallet, bindingId, current));
    }

    function _requireLength(uint256 expected, uint256 actual) private pure {
        require(actual == expected, IdentityRegistryLengthMismatch(expected, actual));
    }

    function _investorIdOf(uint256 packed) private pure returns (bytes32) {
        return bytes32((packed >> _INVESTOR_SHIFT) << _INVESTOR_SHIFT);
    }

    /// @dev True if `investorClass` is 1, 2 or 3.
    function _isInvestorClass(uint8 investorClass) private pure returns (bool) {
        unchecked {
            // 0 wraps around to 255, so one comparison rejects 0 and everything above 3.
            return investorClass - 1 < 3;
        }
    }

    /// @dev True if `code` is two ASCII upper-case letters.
    function _isJurisdiction(uint16 code) private pure returns (bool) {
        unchecked {
            // uint8 wrap-around turns bytes below 'A' into large values, so one comparison per byte suffices.
            return uint8(code >> 8) - 0x41 < 26 && uint8(code) - 0x41 < 26;
        }
    }
}
