// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

import "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";

/// @title AITBC governance token
/// @notice Fixed-supply ERC-20 with block-number checkpoints (ERC20Votes) so the treasury
///         can read voting power at a proposal's snapshot block, and EIP-2612 permits.
contract AITBCToken is ERC20, ERC20Permit, ERC20Votes {
    constructor(address initialHolder, uint256 supply)
        ERC20("AITBC Governance Token", "AITBC")
        ERC20Permit("AITBC Governance Token")
    {
        _mint(initialHolder, supply);
    }

    // Solidity requires explicit overrides where ERC20 and ERC20Votes both define a hook.

    function _afterTokenTransfer(address from, address to, uint256 amount)
        internal
        override(ERC20, ERC20Votes)
    {
        super._afterTokenTransfer(from, to, amount);
    }

    function _mint(address to, uint256 amount) internal override(ERC20, ERC20Votes) {
        super._mint(to, amount);
    }

    function _burn(address account, uint256 amount) internal override(ERC20, ERC20Votes) {
        super._burn(account, amount);
    }
}
