package org.citygate.profiles.codec.senml;

import java.util.HashMap;
import java.util.Map;

/** The SenML labels of RFC 8428 §4.1 / §6, with their JSON names and CBOR integer labels. */
enum Label {
  BVER("bver", -1),
  BN("bn", -2),
  BT("bt", -3),
  BU("bu", -4),
  BV("bv", -5),
  BS("bs", -6),
  N("n", 0),
  U("u", 1),
  V("v", 2),
  VS("vs", 3),
  VB("vb", 4),
  S("s", 5),
  T("t", 6),
  UT("ut", 7),
  VD("vd", 8);

  private static final Map<String, Label> BY_JSON = new HashMap<>();
  private static final Map<String, Label> BY_CBOR = new HashMap<>();

  static {
    for (Label label : values()) {
      BY_JSON.put(label.json, label);
      // Jackson's CBOR parser reports integer map keys as their decimal text.
      BY_CBOR.put(Integer.toString(label.cbor), label);
    }
  }

  final String json;
  final int cbor;

  Label(String json, int cbor) {
    this.json = json;
    this.cbor = cbor;
  }

  boolean isBase() {
    return cbor < 0;
  }

  static Label lookup(String key, boolean cborKeys) {
    return (cborKeys ? BY_CBOR : BY_JSON).get(key);
  }
}
