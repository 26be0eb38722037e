// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

interface ISafeModuleManager {
    function execTransactionFromModule(address to, uint256 value, bytes calldata data, uint8 operation)
        external
        returns (bool success);
}

/// @title Safe module driven by the treasury timelock
/// @notice The Zodiac Governor-module pattern, reduced to its core: the Safe enables this module, and the
///         module's only owner, the timelock, makes the Safe perform calls. A proposal's action is therefore
///         `module.exec(to, value, data)`, and the Safe (not the timelock) pays. Plain calls only: a
///         delegatecall from a proposal could rewrite the Safe's own storage.
contract GovernorSafeModule {
    address public immutable safe;
    address public immutable owner;

    event ExecutedBySafe(address indexed to, uint256 value, bytes data);

    error NotOwner(address caller);
    error SafeCallFailed(address to);

    constructor(address safe_, address owner_) {
        safe = safe_;
        owner = owner_;
    }

    function exec(address to, uint256 value, bytes calldata data) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (!ISafeModuleManager(safe).execTransactionFromModule(to, value, data, 0)) revert SafeCallFailed(to);
        emit ExecutedBySafe(to, value, data);
    }
}
