// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @dev Test double only (contracts/forge is never deployed): a stablecoin that answers `false` to transfers
///      while `refusing`, although balance and allowance suffice, like a token that blocks an address or is
///      paused without reverting.
contract RefusingStablecoin is ERC20 {
    bool public refusing;

    constructor() ERC20("Refusing USD", "RUSD") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setRefusing(bool refusing_) external {
        refusing = refusing_;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        return refusing ? false : super.transfer(to, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        return refusing ? false : super.transferFrom(from, to, value);
    }
}
