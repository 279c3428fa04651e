package org.citygate.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** libcoap's coap-client against a Californium server. */
@Timeout(60)
class CoapClientToolTest {
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private CoapServer server;
  private URI readings;
  private CoapClientTool coap;

  @BeforeEach
  void startServer() {
    CoapConfig.register();
    UdpConfig.register();
    Configuration config = Configuration.createStandardWithoutFile();
    CoapEndpoint endpoint =
        CoapEndpoint.builder()
            .setConfiguration(config)
            .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0))
            .build();
    server = new CoapServer(config);
    server.addEndpoint(endpoint);
    server.add(
        new CoapResource("readings") {
          @Override
          public void handlePOST(CoapExchange exchange) {
            accept(exchange);
          }

          @Override
          public void handlePUT(CoapExchange exchange) {
            accept(exchange);
          }

          private void accept(CoapExchange exchange) {
            int format = exchange.getRequestOptions().getContentFormat();
            received.add(
                exchange.getRequestCode() + " " + format + " " + exchange.getRequestText());
            if (exchange.getRequestPayloadSize() == 0) {
              exchange.respond(ResponseCode.BAD_REQUEST, "empty payload");
            } else {
              exchange.respond(ResponseCode.CHANGED, "stored");
            }
          }
        });
    server.start();
    readings = URI.create("coap://127.0.0.1:" + endpoint.getAddress().getPort() + "/readings");
    coap = CoapClientTool.locate();
  }

  @AfterEach
  void stopServer() {
    coap.close();
    server.destroy();
  }

  @Test
  void postWithContentFormatIsAnswered204() throws Exception {
    byte[] senml = "[{\"n\":\"t\",\"v\":21.5}]".getBytes(StandardCharsets.UTF_8);
    CoapClientTool.Response response =
        coap.post(readings, senml, CoapClientTool.APPLICATION_SENML_JSON);
    assertEquals("2.04", response.code(), response.transcript());
    assertTrue(response.isSuccess());
    assertEquals("stored", response.payloadText());
    assertEquals("POST 110 [{\"n\":\"t\",\"v\":21.5}]", received.take());
  }

  @Test
  void putOfBinaryPayload() throws Exception {
    byte[] cbor = {(byte) 0x81, (byte) 0xa2, 0x00, 0x61, 0x74, 0x02, (byte) 0xf9, 0x3c, 0x00};
    CoapClientTool.Response response = coap.put(readings, cbor, CoapClientTool.APPLICATION_CBOR);
    assertEquals("2.04", response.code(), response.transcript());
    assertTrue(received.take().startsWith("PUT 60 "));
  }

  @Test
  void errorCodeAndDiagnosticPayload() {
    CoapClientTool.Response response =
        coap.request("post", readings, null, -1, Duration.ofSeconds(5), List.of());
    assertEquals("4.00", response.code(), response.transcript());
    assertFalse(response.isSuccess());
    assertArrayEquals("empty payload".getBytes(StandardCharsets.UTF_8), response.payload());
  }

  @Test
  void noServerIsAClearFailure() {
    URI nowhere = URI.create("coap://127.0.0.1:" + FreePort.pick() + "/readings");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                coap.request(
                    "post", nowhere, new byte[] {1}, 60, Duration.ofSeconds(1), List.of()));
    assertTrue(e.getMessage().contains("no CoAP response"), e.getMessage());
  }
}
