package org.citygate.profiles.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.CharConversionException;
import java.io.IOException;
import org.citygate.profiles.RejectReason;
import org.citygate.profiles.Rejection;
import org.citygate.profiles.model.Limits;

/**
 * Jackson factories configured with a profile's limits, and the mapping of Jackson's parse errors
 * to rejection reasons.
 */
public final class JacksonSupport {
  /** Longest number literal accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 64;

  private JacksonSupport() {}

  /**
   * A JSON factory that enforces {@code limits}, rejects duplicate keys, and reads {@code NaN} and
   * {@code Infinity} tokens so that they can be rejected as {@link RejectReason#NOT_FINITE} rather
   * than as a syntax error.
   */
  public static JsonFactory json(Limits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(constraints(limits))
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

  /** A CBOR factory that enforces {@code limits} and rejects duplicate keys. */
  public static CBORFactory cbor(Limits limits) {
    return CBORFactory.builder()
        .streamReadConstraints(constraints(limits))
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

  private static StreamReadConstraints constraints(Limits limits) {
    return StreamReadConstraints.builder()
        .maxNestingDepth(limits.maxDepth())
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxStringLength(limits.maxPayloadBytes())
        .maxNameLength(Math.min(limits.maxPayloadBytes(), 1024))
        .maxDocumentLength(limits.maxPayloadBytes())
        .build();
  }

  /** The rejection for an exception Jackson threw while parsing. */
  public static Rejection rejection(IOException e) {
    String where = "";
    String message = e.getMessage();
    if (e instanceof JsonProcessingException jpe) {
      message = jpe.getOriginalMessage();
      JsonLocation location = jpe.getLocation();
      if (location != null && location.getByteOffset() >= 0) {
        where = " (at byte " + location.getByteOffset() + ")";
      }
    }
    message = firstLine(message);
    if (e instanceof StreamConstraintsException) {
      return new Rejection(RejectReason.TOO_LARGE, message + where, "");
    }
    if (e instanceof JsonEOFException) {
      return new Rejection(RejectReason.MALFORMED, "truncated: " + message + where, "");
    }
    if (e instanceof CharConversionException
        || message.contains("UTF-8")
        || message.contains("UTF8")) {
      return new Rejection(RejectReason.MALFORMED, "invalid UTF-8: " + message + where, "");
    }
    if (message.contains("end-of-input") || message.contains("Unexpected end")) {
      return new Rejection(RejectReason.MALFORMED, "truncated: " + message + where, "");
    }
    return new Rejection(RejectReason.MALFORMED, message + where, "");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable payload";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
