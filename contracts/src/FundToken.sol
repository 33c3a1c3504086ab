// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IERC1404} from "./interfaces/IERC1404.sol";
import {IERC7943Fungible} from "./interfaces/IERC7943Fungible.sol";
import {IFundFactory} from "./interfaces/IFundFactory.sol";
import {IFundToken} from "./interfaces/IFundToken.sol";
import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";

/// @title FundToken
/// @notice Permissioned ERC-20 of one money-market fund, deployed as a clone by {FundFactory}.
///         See {IFundToken} for the rules and their reason codes.
/// @dev Storage is laid out for the hot path: a holder's balance, lock-up and flags share one word, and
///      the rules one transfer needs (pause, classes, holders cap, lock-up period and up to 11
///      jurisdictions) share another. The identity registry is the clone's immutable argument, read
///      from the clone's own code instead of storage. Every movement of units goes through {_update}.
contract FundToken is IFundToken, IERC20Metadata, IERC20Permit, IERC5267, AccessControl, Nonces {
    /// @notice Mints, burns and forces transfers.
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");
    /// @notice Freezes addresses and amounts.
    bytes32 public constant FREEZER_ROLE = keccak256("FREEZER_ROLE");
    /// @notice Recovers lost wallets.
    bytes32 public constant RECOVERY_ROLE = keccak256("RECOVERY_ROLE");
    /// @notice Pauses and unpauses.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Sets the compliance rules.
    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");

    // ERC-1404 reason codes, see {IFundToken}.
    uint8 internal constant SUCCESS = 0;
    uint8 internal constant PAUSED = 1;
    uint8 internal constant SENDER_FROZEN = 2;
    uint8 internal constant RECIPIENT_FROZEN = 3;
    uint8 internal constant SENDER_NOT_VERIFIED = 4;
    uint8 internal constant RECIPIENT_NOT_VERIFIED = 5;
    uint8 internal constant SENDER_JURISDICTION_NOT_ELIGIBLE = 6;
    uint8 internal constant RECIPIENT_JURISDICTION_NOT_ELIGIBLE = 7;
    uint8 internal constant SENDER_CLASS_NOT_ELIGIBLE = 8;
    uint8 internal constant RECIPIENT_CLASS_NOT_ELIGIBLE = 9;
    uint8 internal constant MAX_HOLDERS_REACHED = 10;
    uint8 internal constant MAX_BALANCE_EXCEEDED = 11;
    uint8 internal constant TOKENS_LOCKED = 12;
    uint8 internal constant TOKENS_FROZEN = 13;
    uint8 internal constant INSUFFICIENT_BALANCE = 14;

    // A holder's state, one storage word:
    //   bits   0-103  balance
    //   bits 104-207  lockedAmount (units minted during the running lock-up)
    //   bits 208-247  lockedUntil  (end of the running lock-up, unix seconds)
    //   bits 248-255  flags        (_FROZEN | _HAS_FROZEN_TOKENS)
    uint256 private constant _LOCKED_SHIFT = 104;
    uint256 private constant _UNTIL_SHIFT = 208;
    uint256 private constant _FLAGS_SHIFT = 248;
    uint256 private constant _FROZEN = 1 << 248;
    uint256 private constant _HAS_FROZEN_TOKENS = 1 << 249;

    // The rules a movement reads, one storage word:
    //   bits   0-7    flags (_INITIALIZED | _PAUSED | _JURISDICTION_BITMAP)
    //   bits   8-15   eligible class mask
    //   bits  16-47   maxHolders
    //   bits  48-79   lockupSeconds
    //   bits  80-255  up to 11 jurisdiction codes of 16 bits, from bit 80 up, zero-terminated
    uint256 private constant _INITIALIZED = 1;
    uint256 private constant _PAUSED = 2;
    uint256 private constant _JURISDICTION_BITMAP = 4;
    uint256 private constant _CLASS_SHIFT = 8;
    uint256 private constant _MAX_HOLDERS_SHIFT = 16;
    uint256 private constant _LOCKUP_SHIFT = 48;
    uint256 private constant _JURISDICTIONS_SHIFT = 80;
    uint256 private constant _INLINE_JURISDICTIONS = 11;
    uint256 private constant _VALID_CLASS_BITS = 0x0E;

    // Supply figures and the per-holder cap, one storage word:
    //   bits   0-103  totalSupply
    //   bits 104-135  holderCount
    //   bits 136-239  maxBalancePerHolder
    //   bits 240-247  decimals
    uint256 private constant _HOLDERS_SHIFT = 104;
    uint256 private constant _MAX_BALANCE_SHIFT = 136;
    uint256 private constant _DECIMALS_SHIFT = 240;

    uint256 private constant _MASK_32 = type(uint32).max;
    uint256 private constant _MASK_40 = type(uint40).max;
    uint256 private constant _MASK_104 = type(uint104).max;

    uint8 private constant _OP_DEFAULT = 0;
    uint8 private constant _OP_FORCED = 1;
    /// @dev Set in the local copy of the rules while a forced movement is checked; never stored.
    uint256 private constant _FORCED_MOVEMENT = 8;

    // The identity registry's packed identity word (see {IIdentityRegistry-packedIdentityOf}).
    uint256 private constant _ID_JURISDICTION_SHIFT = 64;
    uint256 private constant _ID_CLASS_SHIFT = 80;
    uint256 private constant _ID_INVESTOR_SHIFT = 88;

    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 private constant _VERSION_HASH = keccak256("1");

    mapping(address account => uint256 packed) private _accounts;
    mapping(address account => mapping(address spender => uint256)) private _allowances;
    mapping(address account => uint256) private _frozenTokens;
    mapping(uint256 word => uint256 bits) private _usedReferences;
    /// @dev Bit i of the 676-bit set of alpha-2 codes (i = 26 * first letter + second letter), 3 words.
    mapping(uint256 word => uint256 bits) private _jurisdictionBitmap;
    uint256 private _rules;
    uint256 private _supply;
    string private _name;
    string private _symbol;

    /// @dev The kind of movement {_update} is checking; set around forced transfers and recoveries.
    uint8 private transient _op;

    /// @notice Locks the implementation: only clones can be initialised.
    constructor() {
        _rules = _INITIALIZED;
    }

    // --------------------------------------------------------------------------------- initialiser

    /// @inheritdoc IFundToken
    function initialize(IFundFactory.FundParams calldata params) public virtual {
        require(_rules & _INITIALIZED == 0, FundTokenAlreadyInitialized());
        require(params.admin != address(0), FundTokenInvalidAccount(params.admin));
        require(params.agent != address(0), FundTokenInvalidAccount(params.agent));
        _name = params.name;
        _symbol = params.symbol;
        _writeRules(
            _INITIALIZED,
            params.decimals,
            params.eligibleClassMask,
            params.maxHolders,
            params.maxBalancePerHolder,
            params.lockupSeconds
        );
        _setEligibleJurisdictions(params.eligibleJurisdictions);

        _grantRole(DEFAULT_ADMIN_ROLE, params.admin);
        _grantRole(PAUSER_ROLE, params.admin);
        _grantRole(COMPLIANCE_ROLE, params.admin);
        _grantRole(AGENT_ROLE, params.agent);
        _grantRole(FREEZER_ROLE, params.agent);
        _grantRole(RECOVERY_ROLE, params.agent);
    }

    // ------------------------------------------------------------------------------------- ERC-20

    /// @inheritdoc IERC20Metadata
    function name() public view virtual returns (string memory) {
        return _name;
    }

    /// @inheritdoc IERC20Metadata
    function symbol() public view virtual returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IERC20Metadata
    function decimals() public view virtual returns (uint8) {
        return uint8(_supply >> _DECIMALS_SHIFT);
    }

    /// @inheritdoc IERC20
    function totalSupply() public view virtual returns (uint256) {
        return _supply & _MASK_104;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) public view virtual returns (uint256) {
        return _accounts[account] & _MASK_104;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) public view virtual returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function transfer(address to, uint256 value) public virtual returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 value) public virtual returns (bool) {
        _approve(msg.sender, spender, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 value) public virtual returns (bool) {
        _spendAllowance(from, msg.sender, value);
        _transfer(from, to, value);
        return true;
    }

    // ----------------------------------------------------------------------------------- ERC-2612

    /// @inheritdoc IERC20Permit
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) public virtual {
        require(block.timestamp <= deadline, FundTokenPermitExpired(deadline));
        bytes32 structHash = keccak256(abi.encode(_PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline));
        address signer = ECDSA.recover(MessageHashUtils.toTypedDataHash(DOMAIN_SEPARATOR(), structHash), v, r, s);
        require(signer == owner, FundTokenPermitInvalidSigner(signer, owner));
        _approve(owner, spender, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view virtual override(IERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IERC20Permit
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() public view virtual returns (bytes32) {
        return keccak256(
            abi.encode(_DOMAIN_TYPEHASH, keccak256(bytes(_name)), _VERSION_HASH, block.chainid, address(this))
        );
    }

    /// @inheritdoc IERC5267
    function eip712Domain()
        public
        view
        virtual
        returns (
            bytes1 fields,
            string memory domainName,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", _name, "1", block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    // --------------------------------------------------------------------------------- agent: supply

    /// @inheritdoc IFundToken
    function mint(address to, uint256 amount, uint256 refSeq, bytes32 orderRef)
        public
        virtual
        onlyRole(AGENT_ROLE)
    {
        require(_useReference(refSeq), FundTokenReferenceUsed(refSeq));
        _mint(to, amount, refSeq, orderRef);
    }

    /// @inheritdoc IFundToken
    function burn(address from, uint256 amount, uint256 refSeq, bytes32 orderRef)
        public
        virtual
        onlyRole(AGENT_ROLE)
    {
        require(_useReference(refSeq), FundTokenReferenceUsed(refSeq));
        _burn(from, amount, refSeq, orderRef);
    }

    /// @inheritdoc IFundToken
    function batchMint(
        address[] calldata to,
        uint256[] calldata amounts,
        uint256[] calldata refSeqs,
        bytes32[] calldata orderRefs
    ) public virtual onlyRole(AGENT_ROLE) {
        uint256 n = _requireLengths(to.length, amounts.length, refSeqs.length, orderRefs.length);
        for (uint256 i = 0; i < n; ) {
            (address account, uint256 amount, uint256 refSeq, bytes32 orderRef) =
                _batchItem(to, amounts, refSeqs, orderRefs, i);
            if (_useReference(refSeq)) {
                _mint(account, amount, refSeq, orderRef);
            } else {
                emit ReferenceSkipped(refSeq, orderRef);
            }
            unchecked {
                // Cannot overflow: i < n.
                ++i;
            }
        }
    }

    /// @inheritdoc IFundToken
    function batchBurn(
        address[] calldata from,
        uint256[] calldata amounts,
        uint256[] calldata refSeqs,
        bytes32[] calldata orderRefs
    ) public virtual onlyRole(AGENT_ROLE) {
        uint256 n = _requireLengths(from.length, amounts.length, refSeqs.length, orderRefs.length);
        for (uint256 i = 0; i < n; ) {
            (address account, uint256 amount, uint256 refSeq, bytes32 orderRef) =
                _batchItem(from, amounts, refSeqs, orderRefs, i);
            if (_useReference(refSeq)) {
                _burn(account, amount, refSeq, orderRef);
            } else {
                emit ReferenceSkipped(refSeq, orderRef);
            }
            unchecked {
                // Cannot overflow: i < n.
                ++i;
            }
        }
    }

    /// @inheritdoc IFundToken
    function isReferenceUsed(uint256 refSeq) public view virtual returns (bool) {
        return (_usedReferences[refSeq >> 8] >> (refSeq & 0xff)) & 1 == 1;
    }

    // ---------------------------------------------------------------------------- agent: enforcement

    /// @inheritdoc IERC7943Fungible
    function forcedTransfer(address from, address to, uint256 amount)
        public
        virtual
        onlyRole(AGENT_ROLE)
        returns (bool)
    {
        _forcedTransfer(from, to, amount);
        emit ForcedTransfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IERC7943Fungible
    function setFrozenTokens(address account, uint256 amount) public virtual onlyRole(FREEZER_ROLE) returns (bool) {
        _setFrozenTokens(account, amount);
        return true;
    }

    /// @inheritdoc IFundToken
    function setAddressFrozen(address account, bool freeze) public virtual onlyRole(FREEZER_ROLE) {
        uint256 packed = _accounts[account];
        _accounts[account] = freeze ? packed | _FROZEN : packed & ~_FROZEN;
        emit AddressFrozen(account, freeze, msg.sender);
    }

    /// @inheritdoc IFundToken
    function recoverWallet(address lostWallet, address newWallet)
        public
        virtual
        onlyRole(RECOVERY_ROLE)
        returns (bool)
    {
        (uint256 lostIdentity, uint256 newIdentity) = _identitiesOf(lostWallet, newWallet);
        require(
            lostIdentity != 0 && lostIdentity >> _ID_INVESTOR_SHIFT == newIdentity >> _ID_INVESTOR_SHIFT,
            FundTokenRecoveryInvestorMismatch(lostWallet, newWallet)
        );
        uint256 lost = _accounts[lostWallet];
        uint256 targetBalance = _accounts[newWallet] & _MASK_104;
        require(
            targetBalance == 0 && lostWallet != newWallet, FundTokenRecoveryTargetNotEmpty(newWallet, targetBalance)
        );

        uint256 balance = lost & _MASK_104;
        uint256 frozenAmount = lost & _HAS_FROZEN_TOKENS != 0 ? _frozenTokens[lostWallet] : 0;
        // Moves the balance; the lost wallet ends empty, without lock-up or frozen amount.
        _forcedTransfer(lostWallet, newWallet, balance);
        // The running lock-up follows the units.
        uint256 lockBits = (_MASK_104 << _LOCKED_SHIFT) | (_MASK_40 << _UNTIL_SHIFT);
        _accounts[newWallet] = (_accounts[newWallet] & ~lockBits) | (lost & lockBits);
        if (frozenAmount != 0) _setFrozenTokens(newWallet, frozenAmount);
        emit WalletRecovered(
            lostWallet, newWallet, bytes32((lostIdentity >> _ID_INVESTOR_SHIFT) << _ID_INVESTOR_SHIFT), balance
        );
        return true;
    }

    /// @inheritdoc IFundToken
    function pause() public virtual onlyRole(PAUSER_ROLE) {
        uint256 rules = _rules;
        require(rules & _PAUSED == 0, FundTokenEnforcedPause());
        _rules = rules | _PAUSED;
        emit Paused(msg.sender);
    }

    /// @inheritdoc IFundToken
    function unpause() public virtual onlyRole(PAUSER_ROLE) {
        uint256 rules = _rules;
        require(rules & _PAUSED != 0, FundTokenExpectedPause());
        _rules = rules & ~_PAUSED;
        emit Unpaused(msg.sender);
    }

    // ------------------------------------------------------------------------------------ compliance

    /// @inheritdoc IFundToken
    function setComplianceRules(
        uint8 eligibleClassMask,
        uint32 maxHolders,
        uint256 maxBalancePerHolder,
        uint32 lockupSeconds
    ) public virtual onlyRole(COMPLIANCE_ROLE) {
        _writeRules(_rules, decimals(), eligibleClassMask, maxHolders, maxBalancePerHolder, lockupSeconds);
    }

    /// @inheritdoc IFundToken
    function setEligibleJurisdictions(uint16[] calldata jurisdictions) public virtual onlyRole(COMPLIANCE_ROLE) {
        _setEligibleJurisdictions(jurisdictions);
    }

    // ------------------------------------------------------------------------------------------ views

    /// @inheritdoc IFundToken
    function identityRegistry() public view virtual returns (address registry) {
        // The factory appends the registry address (20 bytes) to the 45-byte EIP-1167 clone code.
        assembly ("memory-safe") {
            extcodecopy(address(), 0, 0x2d, 0x20)
            registry := shr(96, mload(0))
        }
    }

    /// @inheritdoc IFundToken
    function paused() public view virtual returns (bool) {
        return _rules & _PAUSED != 0;
    }

    /// @inheritdoc IFundToken
    function isFrozen(address account) public view virtual returns (bool) {
        return _accounts[account] & _FROZEN != 0;
    }

    /// @inheritdoc IERC7943Fungible
    function getFrozenTokens(address account) public view virtual returns (uint256) {
        return _frozenTokens[account];
    }

    /// @inheritdoc IFundToken
    function holderCount() public view virtual returns (uint256) {
        return (_supply >> _HOLDERS_SHIFT) & _MASK_32;
    }

    /// @inheritdoc IFundToken
    function complianceRules() public view virtual returns (uint8, uint32, uint256, uint32) {
        uint256 rules = _rules;
        return (
            uint8(rules >> _CLASS_SHIFT),
            uint32(rules >> _MAX_HOLDERS_SHIFT),
            (_supply >> _MAX_BALANCE_SHIFT) & _MASK_104,
            uint32(rules >> _LOCKUP_SHIFT)
        );
    }

    /// @inheritdoc IFundToken
    function eligibleJurisdictions() public view virtual returns (uint16[] memory list) {
        uint256 rules = _rules;
        list = new uint16[](26 * 26);
        uint256 n = 0;
        if (rules & _JURISDICTION_BITMAP == 0) {
            for (uint256 packed = rules >> _JURISDICTIONS_SHIFT; packed != 0; packed >>= 16) {
                list[n++] = uint16(packed);
            }
        } else {
            for (uint256 index = 0; index < 26 * 26; ++index) {
                if ((_jurisdictionBitmap[index >> 8] >> (index & 0xff)) & 1 == 1) {
                    list[n++] = uint16(((0x41 + index / 26) << 8) | (0x41 + index % 26));
                }
            }
        }
        assembly ("memory-safe") {
            mstore(list, n)
        }
    }

    /// @inheritdoc IFundToken
    function isJurisdictionEligible(uint16 jurisdiction) public view virtual returns (bool) {
        return _isJurisdictionEligible(jurisdiction, _rules);
    }

    /// @inheritdoc IFundToken
    function lockedBalanceOf(address account) public view virtual returns (uint256, uint64) {
        uint256 packed = _accounts[account];
        uint256 until = (packed >> _UNTIL_SHIFT) & _MASK_40;
        uint256 locked = (packed >> _LOCKED_SHIFT) & _MASK_104;
        if (until <= block.timestamp || locked == 0) return (0, 0);
        return (locked, uint64(until));
    }

    /// @inheritdoc IERC7943Fungible
    function canSend(address account) public view virtual returns (bool) {
        (uint256 identity,) = _identitiesOf(account, address(0));
        return _accounts[account] & _FROZEN == 0 && _identityRestriction(identity, _rules, true) == SUCCESS;
    }

    /// @inheritdoc IERC7943Fungible
    function canReceive(address account) public view virtual returns (bool) {
        (uint256 identity,) = _identitiesOf(account, address(0));
        return _accounts[account] & _FROZEN == 0 && _identityRestriction(identity, _rules, false) == SUCCESS;
    }

    /// @inheritdoc IERC7943Fungible
    function canTransfer(address from, address to, uint256 amount) public view virtual returns (bool) {
        return _restriction(from, to, amount, _rules) == SUCCESS;
    }

    /// @inheritdoc IERC1404
    function detectTransferRestriction(address from, address to, uint256 value) public view virtual returns (uint8) {
        return _restriction(from, to, value, _rules);
    }

    /// @inheritdoc IERC1404
    function messageForTransferRestriction(uint8 restrictionCode) public view virtual returns (string memory) {
        string[15] memory messages = [
            "SUCCESS",
            "PAUSED",
            "SENDER_FROZEN",
            "RECIPIENT_FROZEN",
            "SENDER_NOT_VERIFIED",
            "RECIPIENT_NOT_VERIFIED",
            "SENDER_JURISDICTION_NOT_ELIGIBLE",
            "RECIPIENT_JURISDICTION_NOT_ELIGIBLE",
            "SENDER_CLASS_NOT_ELIGIBLE",
            "RECIPIENT_CLASS_NOT_ELIGIBLE",
            "MAX_HOLDERS_REACHED",
            "MAX_BALANCE_EXCEEDED",
            "TOKENS_LOCKED",
            "TOKENS_FROZEN",
            "INSUFFICIENT_BALANCE"
        ];
        return restrictionCode < messages.length ? messages[restrictionCode] : "UNKNOWN_RESTRICTION";
    }

    /// @inheritdoc IERC165
    function supportsInterface(bytes4 interfaceId) public view virtual override(AccessControl, IERC165) returns (bool) {
        return interfaceId == type(IERC7943Fungible).interfaceId || interfaceId == type(IERC1404).interfaceId
            || interfaceId == type(IFundToken).interfaceId || interfaceId == type(IERC20).interfaceId
            || interfaceId == type(IERC20Metadata).interfaceId || interfaceId == type(IERC20Permit).interfaceId
            || interfaceId == type(IERC5267).interfaceId || super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------------------ internal: movement

    /// @dev The single hook every movement of units goes through (mint, burn, transfer, forced transfer,
    ///      recovery): it reads what the rules need once, checks every rule for the kind of movement (see
    ///      {IFundToken}) and reverts with the failing rule's custom error, then writes balances, holder
    ///      count, lock-up and (for forced movements) frozen amounts, and emits {Transfer}.
    function _update(address from, address to, uint256 value) internal virtual {
        // The kind of movement rides in a bit of the local copy of the rules; it is never stored.
        // Mints and burns are never forced, which spares them the transient read.
        uint256 rules = _rules;
        if (from != address(0) && to != address(0) && _op == _OP_FORCED) rules |= _FORCED_MOVEMENT;
        uint256 supply = _supply;
        uint256 fromAccount = from == address(0) ? 0 : _accounts[from];
        uint256 toAccount = to == address(0) ? 0 : _accounts[to];
        _enforce(from, to, value, rules, supply, fromAccount, toAccount);

        uint256 holders = (supply >> _HOLDERS_SHIFT) & _MASK_32;
        unchecked {
            if (from == address(0)) {
                uint256 total = supply & _MASK_104;
                require(value <= _MASK_104 - total, FundTokenSupplyOverflow(total, value));
                // Stays within the 104-bit field: checked just above.
                supply += value;
            } else {
                // Cannot underflow: {_enforce} reverted with ERC20InsufficientBalance otherwise.
                uint256 balance = (fromAccount & _MASK_104) - value;
                uint256 locked = (fromAccount >> _LOCKED_SHIFT) & _MASK_104;
                // Units leave unlocked ones first; a burn or forced transfer may also take locked ones.
                if (locked > balance) locked = balance;
                _accounts[from] = (fromAccount & ~(_MASK_104 | (_MASK_104 << _LOCKED_SHIFT)))
                    | (locked << _LOCKED_SHIFT) | balance;
                if (
                    rules & _FORCED_MOVEMENT != 0 && fromAccount & _HAS_FROZEN_TOKENS != 0
                        && _frozenTokens[from] > balance
                ) _setFrozenTokens(from, balance);
                // Cannot underflow: `from` was counted as a holder since its balance was not zero.
                if (balance == 0 && value != 0) --holders;
            }

            if (to == address(0)) {
                // Cannot underflow: value <= balance of `from` <= total supply.
                supply -= value;
            } else {
                if (to == from) toAccount = _accounts[to];
                uint256 oldBalance = toAccount & _MASK_104;
                // Stays within the 104-bit field: every balance is at most the total supply, which fits.
                toAccount += value;
                uint256 lockup = (rules >> _LOCKUP_SHIFT) & _MASK_32;
                if (from == address(0) && lockup != 0) {
                    uint256 locked = ((toAccount >> _UNTIL_SHIFT) & _MASK_40) > block.timestamp
                        ? (toAccount >> _LOCKED_SHIFT) & _MASK_104
                        : 0;
                    // The locked amount stays at most the balance, and the end fits 40 bits until year 36812.
                    toAccount = (toAccount & ~((_MASK_104 << _LOCKED_SHIFT) | (_MASK_40 << _UNTIL_SHIFT)))
                        | ((locked + value) << _LOCKED_SHIFT) | ((block.timestamp + lockup) << _UNTIL_SHIFT);
                }
                _accounts[to] = toAccount;
                // Cannot overflow: there are fewer than 2^32 holders (the maximum is a uint32).
                if (oldBalance == 0 && value != 0) ++holders;
            }
        }
        _supply = (supply & ~(_MASK_32 << _HOLDERS_SHIFT)) | (holders << _HOLDERS_SHIFT);
        emit Transfer(from, to, value);
    }

    /// @dev Reverts with the custom error of the first rule the movement breaks.
    function _enforce(
        address from,
        address to,
        uint256 value,
        uint256 rules,
        uint256 supply,
        uint256 fromAccount,
        uint256 toAccount
    ) internal view virtual {
        (uint256 fromIdentity, uint256 toIdentity) = _movementIdentities(from, to, rules);
        uint8 code = _checkSender(from, to, value, rules, fromAccount, fromIdentity);
        if (code == SUCCESS) code = _checkRecipient(from, to, value, rules, supply, fromAccount, toAccount, toIdentity);
        if (code != SUCCESS) _revertRestriction(code, from, to, value, rules);
    }

    /// @dev The reason code of a movement (see {IFundToken}), or SUCCESS. Never reverts.
    function _restriction(address from, address to, uint256 value, uint256 rules) internal view virtual returns (uint8) {
        uint256 fromAccount = from == address(0) ? 0 : _accounts[from];
        uint256 toAccount = to == address(0) ? 0 : _accounts[to];
        (uint256 fromIdentity, uint256 toIdentity) = _movementIdentities(from, to, rules);
        uint8 code = _checkSender(from, to, value, rules, fromAccount, fromIdentity);
        if (code != SUCCESS) return code;
        return _checkRecipient(from, to, value, rules, _supply, fromAccount, toAccount, toIdentity);
    }

    /// @dev The identities a movement's check needs: both sides of a transfer, the recipient of a mint,
    ///      forced transfer or recovery, none for a burn.
    function _movementIdentities(address from, address to, uint256 rules)
        internal
        view
        virtual
        returns (uint256 fromIdentity, uint256 toIdentity)
    {
        if (to == address(0)) return (0, 0);
        if (from == address(0) || rules & _FORCED_MOVEMENT != 0) {
            (toIdentity,) = _identitiesOf(to, address(0));
        } else {
            (fromIdentity, toIdentity) = _identitiesOf(from, to);
        }
    }

    /// @dev Pause and the sender's rules. A mint has no sender; a burn checks frozen address and frozen
    ///      amount only (the guaranteed exit); a forced movement checks the balance only.
    function _checkSender(
        address from,
        address to,
        uint256 value,
        uint256 rules,
        uint256 fromAccount,
        uint256 fromIdentity
    ) internal view virtual returns (uint8) {
        if (rules & _PAUSED != 0) return PAUSED;
        if (from == address(0)) return SUCCESS;
        bool forced = rules & _FORCED_MOVEMENT != 0;
        bool isTransfer = !forced && to != address(0);
        if (!forced && fromAccount & _FROZEN != 0) return SENDER_FROZEN;
        if (isTransfer) {
            uint8 code = _identityRestriction(fromIdentity, rules, true);
            if (code != SUCCESS) return code;
        }
        if (value > fromAccount & _MASK_104) return INSUFFICIENT_BALANCE;
        if (forced) return SUCCESS;
        uint256 unfrozen = _unfrozenBalance(from, fromAccount);
        if (value > unfrozen) return TOKENS_FROZEN;
        if (isTransfer && value > _transferable(fromAccount, unfrozen)) return TOKENS_LOCKED;
        return SUCCESS;
    }

    /// @dev The recipient's rules; nothing for a burn.
    function _checkRecipient(
        address from,
        address to,
        uint256 value,
        uint256 rules,
        uint256 supply,
        uint256 fromAccount,
        uint256 toAccount,
        uint256 toIdentity
    ) internal view virtual returns (uint8) {
        if (to == address(0)) return SUCCESS;
        if (toAccount & _FROZEN != 0) return RECIPIENT_FROZEN;
        uint8 code = _identityRestriction(toIdentity, rules, false);
        if (code != SUCCESS) return code;
        if (from == to) return SUCCESS;
        uint256 toBalance = toAccount & _MASK_104;
        uint256 maxBalance = (supply >> _MAX_BALANCE_SHIFT) & _MASK_104;
        // Written without an addition, which could overflow for absurd values in a view.
        if (maxBalance != 0 && (toBalance > maxBalance || value > maxBalance - toBalance)) return MAX_BALANCE_EXCEEDED;
        uint256 maxHolders = (rules >> _MAX_HOLDERS_SHIFT) & _MASK_32;
        if (
            maxHolders != 0 && toBalance == 0 && value != 0
                && (from == address(0) || value != fromAccount & _MASK_104)
                && ((supply >> _HOLDERS_SHIFT) & _MASK_32) >= maxHolders
        ) return MAX_HOLDERS_REACHED;
        return SUCCESS;
    }

    /// @dev Identity and eligibility of one side, from the registry's packed identity word.
    function _identityRestriction(uint256 identity, uint256 rules, bool sender) internal view virtual returns (uint8) {
        if (identity == 0 || uint64(identity) <= block.timestamp) {
            return sender ? SENDER_NOT_VERIFIED : RECIPIENT_NOT_VERIFIED;
        }
        if (!_isJurisdictionEligible(uint16(identity >> _ID_JURISDICTION_SHIFT), rules)) {
            return sender ? SENDER_JURISDICTION_NOT_ELIGIBLE : RECIPIENT_JURISDICTION_NOT_ELIGIBLE;
        }
        uint256 classMask = (rules >> _CLASS_SHIFT) & 0xff;
        if (classMask != 0 && (classMask >> ((identity >> _ID_CLASS_SHIFT) & 0xff)) & 1 == 0) {
            return sender ? SENDER_CLASS_NOT_ELIGIBLE : RECIPIENT_CLASS_NOT_ELIGIBLE;
        }
        return SUCCESS;
    }

    /// @dev Whether `jurisdiction` is eligible under `rules` (an empty list means every jurisdiction).
    function _isJurisdictionEligible(uint256 jurisdiction, uint256 rules) internal view virtual returns (bool) {
        if (rules & _JURISDICTION_BITMAP != 0) {
            uint256 index = _jurisdictionIndex(jurisdiction);
            return (_jurisdictionBitmap[index >> 8] >> (index & 0xff)) & 1 == 1;
        }
        uint256 packed = rules >> _JURISDICTIONS_SHIFT;
        if (packed == 0) return true;
        for (; packed != 0; packed >>= 16) {
            if (packed & 0xffff == jurisdiction) return true;
        }
        return false;
    }

    /// @dev Balance of `account` (whose packed word is `packed`) that is not frozen.
    function _unfrozenBalance(address account, uint256 packed) internal view virtual returns (uint256) {
        uint256 balance = packed & _MASK_104;
        if (packed & _HAS_FROZEN_TOKENS == 0) return balance;
        uint256 frozen = _frozenTokens[account];
        unchecked {
            // Cannot underflow: balance > frozen.
            return balance > frozen ? balance - frozen : 0;
        }
    }

    /// @dev Part of `unfrozen` that is not in a running lock-up.
    function _transferable(uint256 packed, uint256 unfrozen) internal view virtual returns (uint256) {
        if ((packed >> _UNTIL_SHIFT) & _MASK_40 <= block.timestamp) return unfrozen;
        uint256 locked = (packed >> _LOCKED_SHIFT) & _MASK_104;
        unchecked {
            // Cannot underflow: unfrozen > locked.
            return unfrozen > locked ? unfrozen - locked : 0;
        }
    }

    /// @dev Reverts with the custom error of reason `code`, re-reading its diagnostic arguments.
    function _revertRestriction(uint8 code, address from, address to, uint256 value, uint256 rules)
        internal
        view
        virtual
    {
        uint256 fromAccount = _accounts[from];
        if (code == PAUSED) revert FundTokenEnforcedPause();
        if (code == INSUFFICIENT_BALANCE) revert ERC20InsufficientBalance(from, fromAccount & _MASK_104, value);
        if (code == SENDER_FROZEN) revert FundTokenAccountFrozen(from);
        if (code == RECIPIENT_FROZEN) revert FundTokenAccountFrozen(to);
        if (code == TOKENS_FROZEN) revert ERC7943InsufficientUnfrozenBalance(from, value, _unfrozenBalance(from, fromAccount));
        if (code == TOKENS_LOCKED) {
            revert FundTokenTokensLocked(
                from,
                value,
                _transferable(fromAccount, _unfrozenBalance(from, fromAccount)),
                uint64((fromAccount >> _UNTIL_SHIFT) & _MASK_40)
            );
        }
        if (code == MAX_HOLDERS_REACHED) revert FundTokenMaxHoldersReached(uint32(rules >> _MAX_HOLDERS_SHIFT));
        if (code == MAX_BALANCE_EXCEEDED) {
            uint256 balance = _accounts[to] & _MASK_104;
            uint256 balanceAfter = value > type(uint256).max - balance ? type(uint256).max : balance + value;
            revert FundTokenMaxBalanceExceeded(to, balanceAfter, (_supply >> _MAX_BALANCE_SHIFT) & _MASK_104);
        }
        // The remaining codes are identity codes: odd ones are about the recipient.
        address account = code % 2 == 1 ? to : from;
        (uint256 identity,) = _identitiesOf(account, address(0));
        if (code == SENDER_NOT_VERIFIED || code == RECIPIENT_NOT_VERIFIED) {
            revert FundTokenNotVerified(account, uint64(identity));
        }
        if (code == SENDER_JURISDICTION_NOT_ELIGIBLE || code == RECIPIENT_JURISDICTION_NOT_ELIGIBLE) {
            revert FundTokenJurisdictionNotEligible(account, uint16(identity >> _ID_JURISDICTION_SHIFT));
        }
        revert FundTokenInvestorClassNotEligible(account, uint8(identity >> _ID_CLASS_SHIFT));
    }

    /// @dev The packed identity words of `a` and, unless zero, `b`, read from the registry in one call.
    ///      A registry without code reads as "nobody registered".
    function _identitiesOf(address a, address b) internal view virtual returns (uint256 identityA, uint256 identityB) {
        address registry = identityRegistry();
        bytes4 selector = b == address(0)
            ? IIdentityRegistry.packedIdentityOf.selector
            : IIdentityRegistry.packedIdentitiesOf.selector;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), a)
            mstore(add(ptr, 0x24), b)
            mstore(0x00, 0)
            mstore(0x20, 0)
            if iszero(staticcall(gas(), registry, ptr, add(0x24, mul(iszero(iszero(b)), 0x20)), 0x00, 0x40)) {
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
            identityA := mload(0x00)
            identityB := mload(0x20)
        }
    }

    function _transfer(address from, address to, uint256 value) internal virtual {
        require(from != address(0), ERC20InvalidSender(address(0)));
        require(to != address(0), ERC20InvalidReceiver(address(0)));
        _update(from, to, value);
    }

    function _forcedTransfer(address from, address to, uint256 value) internal virtual {
        _op = _OP_FORCED;
        _transfer(from, to, value);
        _op = _OP_DEFAULT;
    }

    function _mint(address to, uint256 amount, uint256 refSeq, bytes32 orderRef) internal virtual {
        require(to != address(0), ERC20InvalidReceiver(address(0)));
        _update(address(0), to, amount);
        emit Minted(to, amount, refSeq, orderRef);
    }

    function _burn(address from, uint256 amount, uint256 refSeq, bytes32 orderRef) internal virtual {
        require(from != address(0), ERC20InvalidSender(address(0)));
        _update(from, address(0), amount);
        emit Burned(from, amount, refSeq, orderRef);
    }

    /// @dev `owner` is never zero: it is the caller, or the signer of a permit (ECDSA rejects zero).
    function _approve(address owner, address spender, uint256 value) internal virtual {
        require(spender != address(0), ERC20InvalidSpender(address(0)));
        _allowances[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    function _spendAllowance(address owner, address spender, uint256 value) internal virtual {
        uint256 current = _allowances[owner][spender];
        if (current == type(uint256).max) return;
        require(current >= value, ERC20InsufficientAllowance(spender, current, value));
        unchecked {
            // Cannot underflow: checked just above.
            _allowances[owner][spender] = current - value;
        }
    }

    /// @dev Marks `refSeq` used; returns false if it already was. 256 sequence numbers share one word.
    function _useReference(uint256 refSeq) internal virtual returns (bool) {
        uint256 word = refSeq >> 8;
        uint256 bit = 1 << (refSeq & 0xff);
        uint256 bits = _usedReferences[word];
        if (bits & bit != 0) return false;
        _usedReferences[word] = bits | bit;
        return true;
    }

    function _setFrozenTokens(address account, uint256 amount) internal virtual {
        _frozenTokens[account] = amount;
        uint256 packed = _accounts[account];
        _accounts[account] = amount != 0 ? packed | _HAS_FROZEN_TOKENS : packed & ~_HAS_FROZEN_TOKENS;
        emit Frozen(account, amount);
    }

    /// @dev Writes the numeric rules and decimals, keeping the flags and jurisdictions of `rules`.
    function _writeRules(
        uint256 rules,
        uint8 decimals_,
        uint8 eligibleClassMask,
        uint32 maxHolders,
        uint256 maxBalancePerHolder,
        uint32 lockupSeconds
    ) internal virtual {
        require(eligibleClassMask & ~_VALID_CLASS_BITS == 0, FundTokenInvalidClassMask(eligibleClassMask));
        require(maxBalancePerHolder <= _MASK_104, FundTokenInvalidMaxBalance(maxBalancePerHolder));
        uint256 kept = rules & (0xff | (type(uint256).max << _JURISDICTIONS_SHIFT));
        _rules = kept | (uint256(eligibleClassMask) << _CLASS_SHIFT) | (uint256(maxHolders) << _MAX_HOLDERS_SHIFT)
            | (uint256(lockupSeconds) << _LOCKUP_SHIFT);
        uint256 supply = _supply & (_MASK_104 | (_MASK_32 << _HOLDERS_SHIFT));
        _supply = supply | (maxBalancePerHolder << _MAX_BALANCE_SHIFT) | (uint256(decimals_) << _DECIMALS_SHIFT);
        emit ComplianceRulesUpdated(eligibleClassMask, maxHolders, maxBalancePerHolder, lockupSeconds);
    }

    function _setEligibleJurisdictions(uint16[] calldata jurisdictions) internal virtual {
        uint256 rules = _rules;
        if (rules & _JURISDICTION_BITMAP != 0) {
            delete _jurisdictionBitmap[0];
            delete _jurisdictionBitmap[1];
            delete _jurisdictionBitmap[2];
        }
        uint256 n = jurisdictions.length;
        bool isInline = n <= _INLINE_JURISDICTIONS;
        uint256 packed = 0;
        for (uint256 i = 0; i < n; ++i) {
            uint16 code = jurisdictions[i];
            require(_isJurisdictionCode(code), FundTokenInvalidJurisdiction(code));
            if (isInline) {
                packed |= uint256(code) << (16 * i);
            } else {
                uint256 index = _jurisdictionIndex(code);
                _jurisdictionBitmap[index >> 8] |= 1 << (index & 0xff);
            }
        }
        uint256 kept = rules & ((1 << _JURISDICTIONS_SHIFT) - 1) & ~_JURISDICTION_BITMAP;
        _rules = kept | (packed << _JURISDICTIONS_SHIFT) | (isInline ? 0 : _JURISDICTION_BITMAP);
        emit EligibleJurisdictionsUpdated(jurisdictions);
    }

    /// @dev Item `i` of a batch whose four arrays were checked to have the same length n > i. Reads the
    ///      calldata directly, without the per-access bounds checks of Solidity; the account is masked
    ///      to 160 bits like an ABI-decoded address.
    function _batchItem(
        address[] calldata accounts,
        uint256[] calldata amounts,
        uint256[] calldata refSeqs,
        bytes32[] calldata orderRefs,
        uint256 i
    ) private pure returns (address account, uint256 amount, uint256 refSeq, bytes32 orderRef) {
        assembly ("memory-safe") {
            let offset := shl(5, i)
            account := and(calldataload(add(accounts.offset, offset)), 0xffffffffffffffffffffffffffffffffffffffff)
            amount := calldataload(add(amounts.offset, offset))
            refSeq := calldataload(add(refSeqs.offset, offset))
            orderRef := calldataload(add(orderRefs.offset, offset))
        }
    }

    function _requireLengths(uint256 n, uint256 a, uint256 b, uint256 c) private pure returns (uint256) {
        require(a == n, FundTokenLengthMismatch(n, a));
        require(b == n, FundTokenLengthMismatch(n, b));
        require(c == n, FundTokenLengthMismatch(n, c));
        return n;
    }

    /// @dev Position of an alpha-2 code in the 676-bit jurisdiction set. A code that is not two upper-case
    ///      letters maps beyond the set's three words, to a bit that is never set.
    function _jurisdictionIndex(uint256 code) private pure returns (uint256) {
        unchecked {
            // Bytes below 'A' wrap around to huge values, which the range check below rejects.
            uint256 first = ((code >> 8) & 0xff) - 0x41;
            uint256 second = (code & 0xff) - 0x41;
            return first < 26 && second < 26 ? first * 26 + second : type(uint256).max;
        }
    }

    /// @dev True if `code` is two ASCII upper-case letters.
    function _isJurisdictionCode(uint16 code) private pure returns (bool) {
        unchecked {
            // uint8 wrap-around turns bytes below 'A' into large values, so one comparison per byte suffices.
            return uint8(code >> 8) - 0x41 < 26 && uint8(code) - 0x41 < 26;
        }
    }
}
