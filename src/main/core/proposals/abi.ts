import { Interface } from 'ethers'

/** The Safe v1.3/1.4.1 functions and events the proposal lifecycle uses. */
export const safeIface = new Interface([
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)',
  'function nonce() view returns (uint256)',
  'function getThreshold() view returns (uint256)',
  'function getOwners() view returns (address[])',
  'function approvedHashes(address owner, bytes32 hash) view returns (uint256)',
  'function approveHash(bytes32 hashToApprove)',
  'function simulateAndRevert(address targetContract, bytes calldataPayload)',
  'function addOwnerWithThreshold(address owner, uint256 _threshold)',
  'function removeOwner(address prevOwner, address owner, uint256 _threshold)',
  'function swapOwner(address prevOwner, address oldOwner, address newOwner)',
  'function changeThreshold(uint256 _threshold)',
  // v1.4.1 indexes txHash; v1.3.0 does not. Same topic0 either way: see executionEvent().
  'event ExecutionSuccess(bytes32 indexed txHash, uint256 payment)',
  'event ExecutionFailure(bytes32 indexed txHash, uint256 payment)',
  'event ApproveHash(bytes32 indexed approvedHash, address indexed owner)',
])

export const erc20Iface = new Interface([
  'function transfer(address to, uint256 amount) returns (bool)',
  'function balanceOf(address) view returns (uint256)',
  'function decimals() view returns (uint8)',
  'function symbol() view returns (string)',
])

export const multiSendIface = new Interface(['function multiSend(bytes transactions) payable'])

export const simulateAccessorIface = new Interface([
  'function simulate(address to, uint256 value, bytes data, uint8 operation) returns (uint256 estimate, bool success, bytes returnData)',
])

/** Safe's linked list of owners starts at this sentinel: removeOwner/swapOwner need the owner before the target. */
export const SENTINEL_OWNERS = '0x0000000000000000000000000000000000000001'
