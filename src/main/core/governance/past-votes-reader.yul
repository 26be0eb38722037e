// Runtime code the weights place by state override (eth_call's third parameter) at PAST_VOTES_READER_ADDRESS for one
// eth_call: getPastVotes(account, timepoint) on one token for every account in the call data, answered as the
// timepoint followed by one word per account. Nothing is deployed. Against Multicall3's aggregate3 it runs about a
// tenth of the EVM steps a vote around the token's own and answers 32 bytes a vote instead of 128, so a call fits
// more votes under a node's eth_call gas cap (docs/PERFORMANCE.md, "Hardhat-bound reads, sixth batch").
// Call data: the token (word 0), the timepoint (word 1), then one account a word. It stops early, answering the votes
// read so far, when less than 100,000 gas is left, so a call never runs out of gas under the node's eth_call gas cap
// (2^24 on Hardhat, 50 M by default on geth): the caller asks again for the accounts not answered. A failed or
// malformed getPastVotes reverts with the index of its account, so a wrong answer is never returned.
// Compiled by past-votes-reader.test.ts, which checks PAST_VOTES_READER_CODE is this source's bytecode.
object "PastVotesReader" {
  code {
    // getPastVotes(address,uint256): its selector in bytes 0x1c..0x1f, the account at 0x20, the timepoint at 0x40.
    mstore(0, 0x3a46b1a8)
    mstore(0x40, calldataload(0x20))
    let token := calldataload(0)
    let at := 0x40
    for { } lt(at, calldatasize()) { at := add(at, 0x20) } {
      // Enough for a getPastVotes of ~40 cold checkpoint reads (a binary search over 2^40 checkpoints).
      if lt(gas(), 100000) { break }
      mstore(0x20, calldataload(at))
      // Each answer lands right after the last: the timepoint and the votes are one contiguous answer at 0x40.
      if iszero(staticcall(gas(), token, 0x1c, 0x44, add(at, 0x20), 0x20)) { fail(at) }
      if iszero(eq(returndatasize(), 0x20)) { fail(at) }
    }
    return(0x40, sub(at, 0x20))

    function fail(offset) {
      mstore(0, shr(5, sub(offset, 0x40)))
      revert(0, 0x20)
    }
  }
}
