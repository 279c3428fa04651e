package org.citygate.anchor.ledger;

import static org.citygate.anchor.ledger.AnchorRegistryTest.addr;
import static org.citygate.anchor.ledger.AnchorRegistryTest.w32;
import static org.citygate.anchor.ledger.LedgerChain.send;
import static org.citygate.anchor.ledger.LedgerChain.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.citygate.anchor.ledger.contracts.CityToken;
import org.citygate.proofs.abi.AbiWords;
import org.citygate.proofs.eip712.Eip712Domain;
import org.citygate.proofs.eip712.Secp256k1;
import org.citygate.proofs.eip712.Secp256k1PrivateKey;
import org.citygate.proofs.eip712.Signature;
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.hash.Bytes32;
import org.citygate.proofs.hash.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@code CityToken}: ERC-20 metadata, minting by the minter role only, and ERC-2612 permit signed
 * off chain with the {@code proofs} library's secp256k1 over an EIP-712 digest built in Java, then
 * submitted by a relayer so the owner pays no gas.
 */
class CityTokenTest {
  private static final int ADMIN = 0;
  private static final int MINTER = 1;
  private static final int OWNER = 2;
  private static final int SPENDER = 3;
  private static final int RELAYER = 4;
  private static final String PERMIT_TYPE =
      "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)";

  private static LedgerChain chain;
  private CityToken admin;
  private CityToken minter;
  private String address;

  @BeforeAll
  static void startChain() {
    chain = LedgerChain.start(31337);
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  @BeforeEach
  void deploy() throws Exception {
    admin =
        CityToken.deploy(chain.web3j, chain.manager(ADMIN), LedgerChain.GAS, chain.address(ADMIN))
            .send();
    address = admin.getContractAddress();
    minter = as(MINTER);
    send(admin.grantRole(view(admin.MINTER_ROLE()), chain.address(MINTER)));
  }

  private CityToken as(int account) {
    return CityToken.load(address, chain.web3j, chain.manager(account), LedgerChain.GAS);
  }

  @Test
  void hasItsNameSymbolAndDecimals() {
    assertEquals("Citygate City Token", view(admin.name()));
    assertEquals("CITY", view(admin.symbol()));
    assertEquals(BigInteger.valueOf(18), view(admin.decimals()));
    assertEquals(BigInteger.ZERO, view(admin.totalSupply()));
    assertArrayEquals(AnchorRegistryTest.keccak("MINTER_ROLE"), view(admin.MINTER_ROLE()));
    var domain = view(admin.eip712Domain());
    assertEquals("Citygate City Token", domain.component2());
    assertEquals("1", domain.component3());
    assertEquals(BigInteger.valueOf(chain.chainId), domain.component4());
    assertTrue(view(admin.supportsInterface(Hex.decode("0x7965db0b")))); // IAccessControl
    assertFalse(view(admin.supportsInterface(Hex.decode("0x36372b07")))); // IERC20: not declared
  }

  @Test
  void onlyTheMinterMints() {
    BigInteger amount = BigInteger.TEN.pow(21);
    TransactionReceipt receipt = send(minter.mint(chain.address(OWNER), amount));
    GasReport.record("CityToken.mint (new holder)", receipt.getGasUsed().longValueExact());
    List<CityToken.TransferEventResponse> transfers = CityToken.getTransferEvents(receipt);
    assertEquals(1, transfers.size());
    assertEquals("0x0000000000000000000000000000000000000000", transfers.get(0).from);
    assertEquals(chain.address(OWNER), transfers.get(0).to);
    assertEquals(amount, transfers.get(0).value);
    assertEquals(amount, view(admin.balanceOf(chain.address(OWNER))));
    assertEquals(amount, view(admin.totalSupply()));

    TransactionReceipt moved = send(as(OWNER).transfer(chain.address(SPENDER), BigInteger.TEN));
    List<CityToken.TransferEventResponse> moves = CityToken.getTransferEvents(moved);
    assertEquals(1, moves.size());
    assertEquals(chain.address(OWNER), moves.get(0).from);
    assertEquals(chain.address(SPENDER), moves.get(0).to);
    assertEquals(BigInteger.TEN, view(admin.balanceOf(chain.address(SPENDER))));
    chain.assertReverts(
        SPENDER,
        address,
        as(SPENDER).transfer(chain.address(OWNER), BigInteger.valueOf(11)),
        "ERC20InsufficientBalance",
        addr(chain.address(SPENDER)),
        new Uint256(10),
        new Uint256(11));

    chain.assertReverts(
        ADMIN,
        address,
        admin.mint(chain.address(ADMIN), BigInteger.ONE),
        "AccessControlUnauthorizedAccount",
        addr(chain.address(ADMIN)),
        w32(view(admin.MINTER_ROLE())));
    chain.assertReverts(
        MINTER,
        address,
        minter.mint("0x0000000000000000000000000000000000000000", BigInteger.ONE),
        "ERC20InvalidReceiver",
        addr("0x0000000000000000000000000000000000000000"));
  }

  @Test
  @SuppressWarnings("rawtypes") // web3j's encodeConstructor takes a List<Type>
  void deployingWithoutAnAdminReverts() {
    String initCode =
        CityToken.BINARY
            + FunctionEncoder.encodeConstructor(
                List.<Type>of(new org.web3j.abi.datatypes.Address(BigInteger.ZERO)));
    assertEquals(
        LedgerChain.customError("ZeroAddress"),
        chain.revertData(chain.address(ADMIN), null, "0x" + initCode));
  }

  @Test
  void permitLetsARelayerApproveForTheOwner() {
    send(minter.mint(chain.address(OWNER), BigInteger.valueOf(1_000)));
    Eip712Domain domain =
        new Eip712Domain(
            "Citygate City Token",
            "1",
            BigInteger.valueOf(chain.chainId),
            Address.fromHex(address));
    assertArrayEquals(domain.separator().bytes(), view(admin.DOMAIN_SEPARATOR()));

    Secp256k1PrivateKey ownerKey =
        Secp256k1PrivateKey.of(chain.account(OWNER).getEcKeyPair().getPrivateKey());
    BigInteger value = BigInteger.valueOf(600);
    BigInteger deadline = BigInteger.valueOf(chain.latestTimestamp() + 3_600);
    BigInteger nonce = view(admin.nonces(chain.address(OWNER)));
    assertEquals(BigInteger.ZERO, nonce);
    Bytes32 digest = permitDigest(domain, OWNER, SPENDER, value, nonce, deadline);
    Signature signature = Secp256k1.sign(digest, ownerKey);

    CityToken relayer = as(RELAYER);
    TransactionReceipt receipt = send(permit(relayer, OWNER, value, deadline, signature));
    GasReport.record("CityToken.permit", receipt.getGasUsed().longValueExact());
    List<CityToken.ApprovalEventResponse> approvals = CityToken.getApprovalEvents(receipt);
    assertEquals(1, approvals.size());
    assertEquals(chain.address(OWNER), approvals.get(0).owner);
    assertEquals(chain.address(SPENDER), approvals.get(0).spender);
    assertEquals(value, view(admin.allowance(chain.address(OWNER), chain.address(SPENDER))));
    assertEquals(BigInteger.ONE, view(admin.nonces(chain.address(OWNER))));

    send(as(SPENDER).transferFrom(chain.address(OWNER), chain.address(SPENDER), value));
    assertEquals(value, view(admin.balanceOf(chain.address(SPENDER))));
    assertEquals(BigInteger.valueOf(400), view(admin.balanceOf(chain.address(OWNER))));

    // Replayed: the nonce moved on, so the signature recovers to somebody else.
    Bytes32 replayed = permitDigest(domain, OWNER, SPENDER, value, BigInteger.ONE, deadline);
    chain.assertReverts(
        RELAYER,
        address,
        permit(relayer, OWNER, value, deadline, signature),
        "ERC2612InvalidSigner",
        addr(Secp256k1.recover(replayed, signature).toString()),
        addr(chain.address(OWNER)));
    // Signed by another key.
    Secp256k1PrivateKey other = AnchorRegistryTest.gatewayKey("not the owner");
    Signature forged =
        Secp256k1.sign(
            permitDigest(domain, OWNER, SPENDER, value, BigInteger.ONE, deadline), other);
    chain.assertReverts(
        RELAYER,
        address,
        permit(relayer, OWNER, value, deadline, forged),
        "ERC2612InvalidSigner",
        addr(other.address().toString()),
        addr(chain.address(OWNER)));
    // Expired.
    BigInteger past = BigInteger.valueOf(chain.latestTimestamp() - 1);
    Signature late =
        Secp256k1.sign(permitDigest(domain, OWNER, SPENDER, value, BigInteger.ONE, past), ownerKey);
    chain.assertReverts(
        RELAYER,
        address,
        permit(relayer, OWNER, value, past, late),
        "ERC2612ExpiredSignature",
        new Uint256(past));
  }

  private RemoteFunctionCall<TransactionReceipt> permit(
      CityToken token, int owner, BigInteger value, BigInteger deadline, Signature signature) {
    return token.permit(
        chain.address(owner),
        chain.address(SPENDER),
        value,
        deadline,
        BigInteger.valueOf(signature.v()),
        signature.r().bytes(),
        signature.s().bytes());
  }

  private Bytes32 permitDigest(
      Eip712Domain domain,
      int owner,
      int spender,
      BigInteger value,
      BigInteger nonce,
      BigInteger deadline) {
    Bytes32 structHash =
        Bytes32.keccak(
            AbiWords.encode()
                .bytes32(Eip712Domain.typeHash(PERMIT_TYPE))
                .address(Address.fromHex(chain.address(owner)))
                .address(Address.fromHex(chain.address(spender)))
                .uint256(value)
                .uint256(nonce)
                .uint256(deadline)
                .toBytes());
    Bytes32 digest = domain.hashTypedData(structHash);
    assertTrue(digest.bytes().length == 32);
    return digest;
  }
}
