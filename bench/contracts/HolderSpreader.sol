// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

interface IVotesToken {
    function transfer(address to, uint256 amount) external returns (bool);
    function delegateBySig(address delegatee, uint256 nonce, uint256 expiry, uint8 v, bytes32 r, bytes32 s) external;
}

/// Test helper (e2e/vote-import.spec.ts): moves many balances of any ERC20Votes token (the sandbox's own) and relays
/// many signed delegations per transaction, so a spec's 1,200 voters take a few transactions instead of thousands.
/// The full-scale generator uses BenchVotesToken's batch functions instead.
contract HolderSpreader {
    struct Delegation {
        address delegatee;
        uint256 nonce;
        uint256 expiry;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// Sends amounts[i] of `token` held by this contract to to[i]: one Transfer log each.
    function spread(IVotesToken token, address[] calldata to, uint256[] calldata amounts) external {
        require(to.length == amounts.length, "lengths differ");
        for (uint256 i = 0; i < to.length; i++) require(token.transfer(to[i], amounts[i]), "transfer failed");
    }

    /// Submits signed ERC20Votes delegations (delegateBySig): the signers' votes move, this contract pays the gas.
    function delegateMany(IVotesToken token, Delegation[] calldata sigs) external {
        for (uint256 i = 0; i < sigs.length; i++) {
            Delegation calldata d = sigs[i];
            token.delegateBySig(d.delegatee, d.nonce, d.expiry, d.v, d.r, d.s);
        }
    }
}
