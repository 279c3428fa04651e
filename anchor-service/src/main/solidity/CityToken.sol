// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/**
 * @title CityToken
 * @notice The city's ERC-20 (18 decimals): minted by holders of MINTER_ROLE, with ERC-2612 permit
 * so residents can approve without paying gas (EIP-712 domain: name "Citygate City Token",
 * version "1").
 */
contract CityToken is ERC20, ERC20Permit, AccessControl {
    /// May mint.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    error ZeroAddress();

    /// @param admin holds DEFAULT_ADMIN_ROLE and grants MINTER_ROLE.
    constructor(address admin) ERC20("Citygate City Token", "CITY") ERC20Permit("Citygate City Token") {
        if (admin == address(0)) {
            revert ZeroAddress();
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// Mints `amount` to `to`.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }
}
