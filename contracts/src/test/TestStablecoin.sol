// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title TestStablecoin
/// @notice A stablecoin for local chains and tests only: ERC-20 with EIP-2612 permit (EIP-712 domain version
///         "1", ERC-5267), configurable decimals and an open faucet. Plain OpenZeppelin ERC-20 storage, so the gas
///         benchmark measures a standard token (USDC adds reads of its pause flag and blocklist).
/// @dev Test-only contracts live in `contracts/src/test/`: compiled with the platform's contracts (so the
///      tests, the gas benchmark and the local chain can deploy them) but never deployed to a real chain. The
///      constructor enforces it: it reverts on any chain other than Hardhat's and Anvil's (31337) or the
///      common development id 1337.
contract TestStablecoin is ERC20, ERC20Permit {
    uint8 private immutable _decimals;

    /// @notice Deployment on a chain that is not a local development chain.
    /// @param chainId The chain id.
    error TestStablecoinNotLocalChain(uint256 chainId);

    /// @param name_ ERC-20 name, also the EIP-712 domain name.
    /// @param symbol_ ERC-20 symbol.
    /// @param decimals_ ERC-20 decimals (6 for USDC-like coins).
    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) ERC20Permit(name_) {
        require(block.chainid == 31337 || block.chainid == 1337, TestStablecoinNotLocalChain(block.chainid));
        _decimals = decimals_;
    }

    /// @notice Mints `amount` to `to`: the local faucet, open to anyone.
    /// @param to Recipient.
    /// @param amount Amount in base units.
    function mint(address to, uint256 amount) public virtual {
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public view virtual override returns (uint8) {
        return _decimals;
    }
}
