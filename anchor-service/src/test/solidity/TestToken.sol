// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title TestToken
 * @notice TEST ONLY (never deployed for real: anyone may mint and configure it). An OpenZeppelin
 * ERC-20 with the awkward behaviours real tokens have, for the PayoutDistributor tests:
 * - a fee on transfers between accounts, in basis points, burnt from the amount sent, so the
 *   recipient gets less than the amount;
 * - a blocklist: any balance change that credits a blocked account reverts with Blocked;
 * - a one-shot hook: before the next balance change, the token calls `hookTarget` with
 *   `hookData` (from the token's own address) and bubbles up a revert, like a token that calls
 *   out to the sender or recipient during a transfer.
 */
contract TestToken is ERC20 {
    /// Fee on transfers between accounts, in basis points of the amount.
    uint256 public feeBasisPoints;
    /// Accounts that cannot receive.
    mapping(address account => bool) public blocked;
    /// The next balance change first calls this address (once), with `hookData`.
    address public hookTarget;
    bytes public hookData;

    error Blocked(address account);

    constructor() ERC20("Citygate Test Token", "TEST") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFee(uint256 basisPoints) external {
        feeBasisPoints = basisPoints;
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
    }

    /// Lets `spender` move the token contract's own balance (for calls the hook makes).
    function approveFromToken(address spender, uint256 amount) external {
        _approve(address(this), spender, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[to]) {
            revert Blocked(to);
        }
        address target = hookTarget;
        if (target != address(0)) {
            hookTarget = address(0);
            (bool ok, bytes memory result) = target.call(hookData);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(result, 0x20), mload(result))
                }
            }
        }
        uint256 fee = from == address(0) || to == address(0) ? 0 : value * feeBasisPoints / 10_000;
        if (fee != 0) {
            super._update(from, address(0), fee);
        }
        super._update(from, to, value - fee);
    }
}
