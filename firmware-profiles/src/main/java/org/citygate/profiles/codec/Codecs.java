package org.citygate.profiles.codec;

import org.citygate.profiles.codec.binary.BinaryLayoutCodec;
import org.citygate.profiles.codec.json.JsonMappingCodec;
import org.citygate.profiles.codec.senml.SenmlCodec;
import org.citygate.profiles.model.CodecSpec;
import org.citygate.profiles.model.DeviceProfile;

/** The codec a profile declares. */
public final class Codecs {
  private Codecs() {}

  /** A new codec for {@code profile}; codecs are immutable and safe to share between threads. */
  public static PayloadCodec forProfile(DeviceProfile profile) {
    CodecSpec spec = profile.codec();
    if (spec instanceof CodecSpec.Senml) {
      return new SenmlCodec(profile);
    } else if (spec instanceof CodecSpec.Json) {
      return new JsonMappingCodec(profile);
    } else {
      return new BinaryLayoutCodec(profile);
    }
  }
}
