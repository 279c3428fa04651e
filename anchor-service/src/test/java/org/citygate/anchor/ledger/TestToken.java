package org.citygate.anchor.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.utils.Numeric;

/**
 * The test-only {@code TestToken} ({@code src/test/solidity/TestToken.sol}: an ERC-20 with a fee on
 * transfer, a blocklist and a one-shot call-back hook), from its committed bytecode in {@code
 * src/test/resources/test-contracts} (written by {@code tools/compile-contracts.mjs}). Written by
 * hand in the shape of the web3j bindings, which the build generates for the production contracts
 * only.
 */
@SuppressWarnings("rawtypes") // web3j's Function takes a List<Type>
final class TestToken extends Contract {
  static final String BINARY = resource("test-contracts/TestToken.bin");

  private TestToken(
      String address, Web3j web3j, TransactionManager manager, ContractGasProvider gas) {
    super(BINARY, address, web3j, manager, gas);
  }

  /** Deploys a token from dev account {@code account}. */
  static TestToken deploy(LedgerChain chain, int account) throws Exception {
    return deployRemoteCall(
            TestToken.class, chain.web3j, chain.manager(account), LedgerChain.GAS, BINARY, "")
        .send();
  }

  RemoteFunctionCall<TransactionReceipt> mint(String to, BigInteger amount) {
    return send("mint", new Address(to), new Uint256(amount));
  }

  RemoteFunctionCall<TransactionReceipt> approve(String spender, BigInteger amount) {
    return send("approve", new Address(spender), new Uint256(amount));
  }

  /** Makes {@code spender} able to move the token contract's own balance. */
  RemoteFunctionCall<TransactionReceipt> approveFromToken(String spender, BigInteger amount) {
    return send("approveFromToken", new Address(spender), new Uint256(amount));
  }

  /** A fee of {@code basisPoints} / 10,000 on every transfer between accounts, burnt. */
  RemoteFunctionCall<TransactionReceipt> setFee(long basisPoints) {
    return send("setFee", new Uint256(basisPoints));
  }

  /** Whether {@code account} may receive: a blocked account's transfers revert with Blocked. */
  RemoteFunctionCall<TransactionReceipt> setBlocked(String account, boolean blocked) {
    return send("setBlocked", new Address(account), new Bool(blocked));
  }

  /** Before the next balance change, the token calls {@code target} with {@code data} (hex). */
  RemoteFunctionCall<TransactionReceipt> setHook(String target, String data) {
    return send(
        "setHook", new Address(target), new DynamicBytes(Numeric.hexStringToByteArray(data)));
  }

  RemoteFunctionCall<BigInteger> balanceOf(String account) {
    Function function =
        new Function(
            "balanceOf",
            List.<Type>of(new Address(account)),
            List.<TypeReference<?>>of(new TypeReference<Uint256>() {}));
    return executeRemoteCallSingleValueReturn(function, BigInteger.class);
  }

  private RemoteFunctionCall<TransactionReceipt> send(String name, Type... args) {
    return executeRemoteCallTransaction(new Function(name, List.of(args), List.of()));
  }

  private static String resource(String name) {
    try (InputStream in = TestToken.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            name + " is not on the test class path: run node tools/compile-contracts.mjs");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
