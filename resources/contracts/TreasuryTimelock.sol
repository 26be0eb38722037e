// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

import "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title AITBC treasury timelock
/// @notice A TimelockController whose roles are fixed at construction: only the Governor proposes, anyone
///         executes a ready operation, and both the Governor and the Safe may cancel (the signers' veto
///         during the delay). No admin: changing a role or the delay takes a proposal through the timelock.
contract TreasuryTimelock is TimelockController {
    constructor(uint256 minDelay, address governor, address safe)
        TimelockController(minDelay, _one(governor), _one(address(0)), address(0))
    {
        _setupRole(CANCELLER_ROLE, safe);
    }

    function _one(address a) private pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }
}
