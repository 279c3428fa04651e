package org.citygate.profiles.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML document as a Jackson tree plus the line and column of every key and array element, so
 * that schema and semantic errors can point at the line to fix.
 *
 * <p>Built by walking Jackson's YAML token stream (SnakeYAML underneath) rather than binding to
 * classes, because data binding forgets where each value came from. Numbers keep their exact
 * decimal text ({@code 0.1} stays 0.1), duplicate keys are errors, and aliases are limited.
 */
final class YamlTree {
  /** A position in the file. */
  record Mark(int line, int column) {}

  /** A syntax problem: the file is not YAML, or not the shape of a profile. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    private final Mark mark;

    SyntaxError(String message, Mark mark) {
      super(message);
      this.mark = mark;
    }

    Mark mark() {
      return mark;
    }
  }

  private static final YAMLFactory FACTORY;

  static {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(1 << 20);
    FACTORY = YAMLFactory.builder().loaderOptions(options).build();
  }

  private final JsonNode root;
  private final Map<String, Mark> marks;

  private YamlTree(JsonNode root, Map<String, Mark> marks) {
    this.root = root;
    this.marks = marks;
  }

  /** Parses one YAML document. */
  static YamlTree parse(byte[] yaml) throws SyntaxError {
    Map<String, Mark> marks = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(yaml)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new SyntaxError("the file is empty", new Mark(1, 1));
      }
      marks.put("", mark(parser.currentTokenLocation()));
      JsonNode root = read(parser, "", marks);
      return new YamlTree(root, marks);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new SyntaxError(
          "not valid YAML: " + e.getOriginalMessage(), at == null ? new Mark(0, 0) : mark(at));
    } catch (IOException e) {
      throw new SyntaxError("cannot read: " + e.getMessage(), new Mark(0, 0));
    }
  }

  JsonNode root() {
    return root;
  }

  /** The mark of the node at {@code pointer}, or of its nearest ancestor that has one. */
  Mark markOf(String pointer) {
    String p = pointer;
    while (true) {
      Mark mark = marks.get(p);
      if (mark != null) {
        return mark;
      }
      if (p.isEmpty()) {
        return new Mark(0, 0);
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  private static JsonNode read(JsonParser parser, String pointer, Map<String, Mark> marks)
      throws IOException, SyntaxError {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          String child = pointer + "/" + escape(key);
          Mark keyMark = mark(parser.currentTokenLocation());
          if (object.has(key)) {
            throw new SyntaxError("duplicate key '" + key + "'", keyMark);
          }
          marks.put(child, keyMark);
          parser.nextToken();
          object.set(key, read(parser, child, marks));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = nodes.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          String child = pointer + "/" + index++;
          marks.put(child, mark(parser.currentTokenLocation()));
          array.add(read(parser, child, marks));
        }
        return array;
      case VALUE_STRING:
        return nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return nodes.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        try {
          return nodes.numberNode(new BigDecimal(parser.getText().replace("_", "")));
        } catch (NumberFormatException e) {
          return nodes.textNode(parser.getText());
        }
      case VALUE_TRUE:
        return nodes.booleanNode(true);
      case VALUE_FALSE:
        return nodes.booleanNode(false);
      case VALUE_NULL:
        return nodes.nullNode();
      default:
        throw new SyntaxError(
            "unexpected YAML token " + token, mark(parser.currentTokenLocation()));
    }
  }

  /** Escapes a key for a JSON Pointer (RFC 6901). */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static Mark mark(JsonLocation location) {
    return new Mark(Math.max(location.getLineNr(), 0), Math.max(location.getColumnNr(), 0));
  }
}
