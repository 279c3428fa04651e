package org.citygate.anchor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.citygate.testkit.AnvilNode;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A real anvil node (from {@code proofs}' test helpers) with a web3j client for the contract tests:
 * anvil's public dev accounts, each with its own {@link FastRawTransactionManager} (local nonces,
 * EIP-155 signing) and a receipt poller at 2 ms (web3j's default is 15 s), and helpers to assert
 * custom errors.
 *
 * <p>A reverting call is checked with {@code eth_call} from the would-be sender, which returns the
 * revert data; the data is compared with the ABI encoding of the expected custom error.
 */
final class LedgerChain implements AutoCloseable {
  /** anvil's dev account keys (mnemonic {@code test test ... junk}): public test keys. */
  private static final String[] DEV_KEYS = {
    "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
    "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  };

  /** Legacy gas price above anvil's base fee, and a gas limit no test transaction reaches. */
  static final ContractGasProvider GAS =
      new StaticGasProvider(BigInteger.valueOf(3_000_000_000L), BigInteger.valueOf(15_000_000L));

  final AnvilNode anvil;
  final Web3j web3j;
  final long chainId;
  private final Credentials[] accounts = new Credentials[DEV_KEYS.length];
  private final TransactionManager[] managers = new TransactionManager[DEV_KEYS.length];

  private LedgerChain(AnvilNode anvil) {
    this.anvil = anvil;
    this.chainId = anvil.chainId();
    this.web3j = Web3j.build(new HttpService(anvil.url().toString()));
    PollingTransactionReceiptProcessor receipts =
        new PollingTransactionReceiptProcessor(web3j, 2, 5_000);
    for (int i = 0; i < DEV_KEYS.length; i++) {
      accounts[i] = Credentials.create(DEV_KEYS[i]);
      managers[i] = new FastRawTransactionManager(web3j, accounts[i], chainId, receipts);
    }
  }

  /** Starts anvil with chain id {@code chainId}. */
  static LedgerChain start(long chainId) {
    return new LedgerChain(AnvilNode.start(chainId));
  }

  /** Dev account {@code i}'s credentials. */
  Credentials account(int i) {
    return accounts[i];
  }

  /** Dev account {@code i}'s address, lower case. */
  String address(int i) {
    return accounts[i].getAddress();
  }

  /** Dev account {@code i}'s transaction manager. */
  TransactionManager manager(int i) {
    return managers[i];
  }

  /** Sends {@code call} and checks that it succeeded. */
  static TransactionReceipt send(RemoteFunctionCall<TransactionReceipt> call) {
    try {
      TransactionReceipt receipt = call.send();
      assertTrue(receipt.isStatusOK(), () -> "transaction failed: " + receipt);
      return receipt;
    } catch (Exception e) {
      throw new AssertionError("transaction failed: " + e.getMessage(), e);
    }
  }

  /** Runs the view {@code call}. */
  static <T> T view(RemoteFunctionCall<T> call) {
    try {
      return call.send();
    } catch (Exception e) {
      throw new AssertionError("call failed: " + e.getMessage(), e);
    }
  }

  /**
   * Asserts that {@code call}, sent by dev account {@code from} to {@code contract}, reverts with
   * the custom error {@code name(args...)}.
   */
  void assertReverts(
      int from, String contract, RemoteFunctionCall<?> call, String name, Type<?>... args) {
    String expected = customError(name, args);
    String actual = revertData(address(from), contract, call.encodeFunctionCall());
    assertEquals(
        expected,
        actual,
        () -> "expected revert " + name + Arrays.toString(args) + ", got " + describe(actual));
  }

  /** The ABI encoding of custom error {@code name(args...)}: selector and arguments. */
  @SuppressWarnings("rawtypes") // web3j's Function takes a List<Type>
  static String customError(String name, Type<?>... args) {
    List<Type> params = Arrays.<Type>asList(args);
    return FunctionEncoder.encode(new Function(name, params, List.of()));
  }

  /** The revert data of calling {@code contract} with {@code data} from {@code from}. */
  String revertData(String from, String contract, String data) {
    EthCall result;
    try {
      result =
          web3j
              .ethCall(
                  Transaction.createEthCallTransaction(from, contract, data),
                  DefaultBlockParameterName.LATEST)
              .send();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(result.hasError(), () -> "the call did not revert: " + result.getValue());
    String revert = result.getError().getData();
    assertNotNull(revert, () -> "no revert data: " + result.getError().getMessage());
    // web3j keeps the JSON value of "data" as it came: a quoted string
    if (revert.length() >= 2 && revert.startsWith("\"") && revert.endsWith("\"")) {
      revert = revert.substring(1, revert.length() - 1);
    }
    return revert;
  }

  private static String describe(String data) {
    return data == null ? "no revert data" : data;
  }

  /** The latest block's timestamp. */
  long latestTimestamp() {
    try {
      return web3j
          .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the next block's timestamp {@code seconds}. */
  void setNextBlockTimestamp(long seconds) {
    anvil.call("evm_setNextBlockTimestamp", seconds);
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }
}
