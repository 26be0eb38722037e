// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

import "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";

/// @title Bench votes token (npm run bench -- --generate-holders)
/// @notice The sandbox token's ERC20Votes (OpenZeppelin 4.9.6, block-number clock) plus two batch entry points, so
///         1,000,000 transfers and 100,000 signed delegations take a few hundred transactions: each batch is one
///         message running the token's own `_transfer` / `delegateBySig` in a loop (the same storage, checkpoints
///         and Transfer / DelegateChanged / DelegateVotesChanged logs as single calls), without a nested CALL and
///         its ABI round trip per item.
contract BenchVotesToken is ERC20, ERC20Permit, ERC20Votes {
    struct Delegation {
        address delegatee;
        uint256 nonce;
        uint256 expiry;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    constructor(uint256 supply) ERC20("Bench Votes Token", "BVT") ERC20Permit("Bench Votes Token") {
        _mint(msg.sender, supply);
    }

    /// Transfers from the caller: each word is (amount << 160) | recipient, one Transfer log each.
    function transferMany(bytes32[] calldata packed) external {
        for (uint256 i = 0; i < packed.length; i++) {
            uint256 word = uint256(packed[i]);
            _transfer(msg.sender, address(uint160(word)), word >> 160);
        }
    }

    /// Relays signed delegations (delegateBySig: the signer's nonce and signature checked as for a single call).
    function delegateManyBySig(Delegation[] calldata sigs) external {
        for (uint256 i = 0; i < sigs.length; i++) {
            Delegation calldata d = sigs[i];
            delegateBySig(d.delegatee, d.nonce, d.expiry, d.v, d.r, d.s);
        }
    }

    // Solidity requires explicit overrides where ERC20 and ERC20Votes both define a hook.

    function _afterTokenTransfer(address from, address to, uint256 amount) internal override(ERC20, ERC20Votes) {
        super._afterTokenTransfer(from, to, amount);
    }

    function _mint(address to, uint256 amount) internal override(ERC20, ERC20Votes) {
        super._mint(to, amount);
    }

    function _burn(address account, uint256 amount) internal override(ERC20, ERC20Votes) {
        super._burn(account, amount);
    }
}
