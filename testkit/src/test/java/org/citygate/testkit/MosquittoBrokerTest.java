package org.citygate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.citygate.testkit.MosquittoBroker.Access;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MosquittoBrokerTest {
  @TempDir java.nio.file.Path tmp;

  @Test
  void publishSubscribeRoundTripWithPaho() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.launch()) {
      assertTrue(broker.serverUri().startsWith("tcp://127.0.0.1:"));
      try (Subscriber sub = Subscriber.connect(broker, "sub", true, null, null)) {
        sub.client.subscribe("devices/#", 1);
        MqttClient pub = client(broker, "pub");
        pub.connect(options(true, null, null));
        pub.publish("devices/d1/up", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
        pub.disconnect();
        pub.close();
        assertEquals("devices/d1/up hello", sub.next());
      }
      String config = Files.readString(broker.configFile());
      assertTrue(config.contains("max_queued_messages 1000000"), config);
      assertTrue(config.contains("max_inflight_messages 1000"), config);
    }
  }

  @Test
  void persistentSessionKeepsQos1MessageAcrossRestart() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.launch()) {
      int port = broker.port();
      try (Subscriber sub = Subscriber.connect(broker, "gateway", false, null, null)) {
        sub.client.subscribe("devices/#", 1);
      } // offline now; its session stays on the broker
      MqttClient pub = client(broker, "device");
      pub.connect(options(true, null, null));
      pub.publish("devices/d1/up", "while-offline".getBytes(StandardCharsets.UTF_8), 1, false);
      pub.disconnect();
      pub.close();

      broker.restart();
      assertEquals(port, broker.port());
      assertTrue(broker.isRunning());

      try (Subscriber sub = Subscriber.connect(broker, "gateway", false, null, null)) {
        assertEquals("devices/d1/up while-offline", sub.next());
      }
    }
  }

  @Test
  void stoppedBrokerRefusesAndStartsAgainOnSamePort() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.launch()) {
      broker.stop();
      assertFalse(broker.isRunning());
      MqttClient client = client(broker, "c");
      assertThrows(MqttException.class, () -> client.connect(options(true, null, null)));
      broker.start();
      client.connect(options(true, null, null));
      assertTrue(client.isConnected());
      client.disconnect();
      client.close();
    }
  }

  @Test
  void passwordFileRefusesWrongPasswordAndAnonymous() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.builder().user("gw", "s3cret").launch()) {
      MqttClient client = client(broker, "c");
      assertThrows(MqttSecurityException.class, () -> client.connect(options(true, null, null)));
      assertThrows(MqttSecurityException.class, () -> client.connect(options(true, "gw", "wrong")));
      client.connect(options(true, "gw", "s3cret"));
      assertTrue(client.isConnected());
      client.disconnect();
      client.close();
    }
  }

  @Test
  void aclLetsADevicePublishOnlyUnderItsOwnTopic() throws Exception {
    try (MosquittoBroker broker =
        MosquittoBroker.builder()
            .user("gateway", "g")
            .user("d1", "p1")
            .acl("gateway", Access.READ, "devices/#")
            .aclPattern(Access.WRITE, "devices/%u/#")
            .launch()) {
      try (Subscriber sub = Subscriber.connect(broker, "gateway", true, "gateway", "g")) {
        sub.client.subscribe("devices/#", 1);
        MqttClient device = client(broker, "d1");
        device.connect(options(true, "d1", "p1"));
        // denied: MQTT 3.1.1 gives the publisher no error, the broker drops it
        device.publish("devices/d2/up", "spoofed".getBytes(StandardCharsets.UTF_8), 1, false);
        device.publish("devices/d1/up", "own".getBytes(StandardCharsets.UTF_8), 1, false);
        device.disconnect();
        device.close();
        assertEquals("devices/d1/up own", sub.next());
        assertNull(sub.messages.poll(200, TimeUnit.MILLISECONDS));
      }
    }
  }

  @Test
  void mutualTlsUsesTheCertificateNameAsUser() throws Exception {
    TestCertificates tls = TestCertificates.create(tmp.resolve("tls"));
    try (MosquittoBroker broker =
        MosquittoBroker.builder()
            .tls(tls)
            .requireClientCertificate()
            .allowAnonymous(false)
            .acl("d7", Access.READWRITE, "devices/d7/#")
            .launch()) {
      assertTrue(broker.serverUri().startsWith("ssl://127.0.0.1:"));
      try (Subscriber sub =
          Subscriber.connect(broker, "d7", true, null, null, tls.clientSocketFactory("d7"))) {
        sub.client.subscribe("devices/#", 1); // only devices/d7/# is readable
        sub.client.publish("devices/d7/up", "tls".getBytes(StandardCharsets.UTF_8), 1, false);
        assertEquals("devices/d7/up tls", sub.next());
      }
      MqttClient noCert = client(broker, "nocert");
      MqttConnectOptions plain = options(true, null, null);
      plain.setSocketFactory(tls.trustingSocketFactory());
      assertThrows(MqttException.class, () -> noCert.connect(plain));
      noCert.close();
    }
  }

  @Test
  void mosquittoPubIsAnIndependentPeer() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.launch();
        Subscriber sub = Subscriber.connect(broker, "sub", true, null, null)) {
      sub.client.subscribe("cli/#", 1);
      java.nio.file.Path pub = Binaries.require("mosquitto-clients", "mosquitto_pub");
      Process process =
          new ProcessBuilder(
                  List.of(
                      pub.toString(),
                      "-h",
                      broker.host(),
                      "-p",
                      Integer.toString(broker.port()),
                      "-q",
                      "1",
                      "-t",
                      "cli/x",
                      "-m",
                      "from-cli"))
              .redirectErrorStream(true)
              .start();
      assertTrue(process.waitFor(10, TimeUnit.SECONDS));
      assertEquals(0, process.exitValue());
      assertEquals("cli/x from-cli", sub.next());
    }
  }

  @Test
  void missingBinaryNamesTheInstallStep() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Binaries.require("some-package", "no-such-program-citygate"));
    assertTrue(e.getMessage().contains("run tools/install.sh"), e.getMessage());
    assertTrue(e.getMessage().contains("some-package"), e.getMessage());
  }

  private static MqttClient client(MosquittoBroker broker, String id) throws MqttException {
    return new MqttClient(broker.serverUri(), id, new MemoryPersistence());
  }

  private static MqttConnectOptions options(boolean clean, String user, String password) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(clean);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(5);
    if (user != null) {
      options.setUserName(user);
      options.setPassword(password.toCharArray());
    }
    return options;
  }

  /** A connected Paho client collecting "topic payload" strings. */
  private static final class Subscriber implements AutoCloseable {
    final MqttClient client;
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    private Subscriber(MqttClient client) {
      this.client = client;
    }

    static Subscriber connect(
        MosquittoBroker broker, String id, boolean clean, String user, String password)
        throws MqttException {
      return connect(broker, id, clean, user, password, null);
    }

    static Subscriber connect(
        MosquittoBroker broker,
        String id,
        boolean clean,
        String user,
        String password,
        SocketFactory socketFactory)
        throws MqttException {
      Subscriber subscriber = new Subscriber(client(broker, id));
      subscriber.client.setCallback(
          new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(
                String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
              subscriber.messages.add(
                  topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
          });
      MqttConnectOptions options = options(clean, user, password);
      if (socketFactory != null) {
        options.setSocketFactory(socketFactory);
      }
      subscriber.client.connect(options);
      return subscriber;
    }

    String next() throws InterruptedException {
      String message = messages.poll(10, TimeUnit.SECONDS);
      if (message == null) {
        throw new AssertionError("no message within 10 s");
      }
      return message;
    }

    @Override
    public void close() throws MqttException {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close();
    }
  }
}
