package org.citygate.gateway.sink.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.citygate.gateway.sink.influx.WriteFailure.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteFailureTest {
  @ParameterizedTest
  @CsvSource({
    "0, RETRYABLE", // no response: connection refused, timeout
    "400, REFUSED", // bad line protocol, field type conflict
    "422, REFUSED", // outside the retention period
    "413, TOO_LARGE",
    "401, RETRYABLE", // wrong token: not the data's fault
    "403, RETRYABLE",
    "404, RETRYABLE", // bucket missing
    "408, RETRYABLE",
    "429, RETRYABLE",
    "500, RETRYABLE",
    "503, RETRYABLE",
  })
  void classifiesByStatus(int status, Kind kind) {
    assertEquals(kind, WriteFailure.classify(status));
    assertEquals(kind, new WriteFailure(status, "m", null).kind());
  }
}
