package dev.beamkit.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One comparison of a JSON field with literals, parsed from text such as {@code value > 50},
 * {@code event in (click, submit)}, {@code user.country != "DE"} or {@code ok == true}.
 *
 * <p>Grammar: {@code field op literal} with op one of {@code > >= < <= == !=}, or {@code field
 * [not] in (literal, …)}. A field is a name or a dotted path into nested objects. A literal is a
 * number, {@code true}/{@code false}, a string in single or double quotes, or a bare word (a
 * string). Numbers compare by value ({@code 50 == 50.0}); strings compare by their text, also
 * with the ordering operators (so ISO-8601 times compare in time order).
 *
 * <p>A field whose JSON type differs from every literal's type (a string against {@code > 50},
 * an object, an array, {@code null}) cannot be evaluated: {@link #test} throws rather than
 * guessing, and {@link Filter} dead-letters the record.
 */
final class FieldPredicate implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s*(?:(?<op>>=|<=|==|!=|>|<|\\(|\\)|,)|\"(?<dq>[^\"]*)\"|'(?<sq>[^']*)'|(?<word>[^\\s()<>=!,\"']+))");

  private final String text;
  private final String field;
  private final String op;
  private final List<Serializable> literals;

  private FieldPredicate(String text, String field, String op, List<Serializable> literals) {
    this.text = text;
    this.field = field;
    this.op = op;
    this.literals = literals;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a one-line reason when the text is not a predicate
   */
  static FieldPredicate parse(String text) {
    Objects.requireNonNull(text, "predicate");
    List<Object> tokens = tokenize(text);
    if (tokens.size() < 3 || !(tokens.get(0) instanceof String)) {
      throw invalid(text, "expected <field> <op> <value>, e.g. value > 50 or event in (click, submit)");
    }
    String field = (String) tokens.get(0);
    int next = 1;
    String op = operator(tokens.get(next));
    if (op == null && "not".equalsIgnoreCase(word(tokens.get(next))) && tokens.size() > 2) {
      op = "in".equalsIgnoreCase(word(tokens.get(2))) ? "not in" : null;
      next++;
    } else if (op == null && "in".equalsIgnoreCase(word(tokens.get(next)))) {
      op = "in";
    }
    if (op == null) {
      throw invalid(text, "expected one of > >= < <= == != in, not in after \"" + field + "\"");
    }
    next++;
    List<Serializable> literals = new ArrayList<>();
    if (op.endsWith("in")) {
      if (!"(".equals(operator(at(tokens, next)))) {
        throw invalid(text, "expected ( after " + op);
      }
      next++;
      while (true) {
        if (at(tokens, next) == null || at(tokens, next) instanceof Op) {
          throw invalid(text, "expected a value in the list");
        }
        literals.add(literal(tokens.get(next++)));
        String sep = operator(at(tokens, next));
        next++;
        if (")".equals(sep)) {
          break;
        }
        if (!",".equals(sep)) {
          throw invalid(text, "expected , or ) in the list");
        }
      }
    } else {
      if (at(tokens, next) == null || at(tokens, next) instanceof Op) {
        throw invalid(text, "expected a value after " + op);
      }
      literals.add(literal(tokens.get(next++)));
    }
    if (next < tokens.size()) {
      throw invalid(text, "unexpected text after the comparison; chain Filters for several conditions");
    }
    return new FieldPredicate(text, field, op, List.copyOf(literals));
  }

  /** The field path this predicate reads. */
  String field() {
    return field;
  }

  /**
   * Whether {@code value} (the field's value) satisfies the predicate.
   *
   * @throws NotComparableException if its JSON type matches no literal's type
   */
  boolean test(JsonNode value) throws NotComparableException {
    boolean anyComparable = false;
    for (Serializable literal : literals) {
      Integer cmp = compare(value, literal);
      if (cmp == null) {
        continue;
      }
      anyComparable = true;
      switch (op) {
        case ">":
          return cmp > 0;
        case ">=":
          return cmp >= 0;
        case "<":
          return cmp < 0;
        case "<=":
          return cmp <= 0;
        case "==":
          return cmp == 0;
        case "!=":
          return cmp != 0;
        case "in":
          if (cmp == 0) {
            return true;
          }
          break;
        default: // "not in"
          if (cmp == 0) {
            return false;
          }
      }
    }
    if (!anyComparable) {
      throw new NotComparableException(
          "field \"" + field + "\" is " + describe(value) + ", cannot evaluate " + text);
    }
    return op.equals("not in");
  }

  /** The comparison of a field value with a literal, or null if their types differ. */
  private static Integer compare(JsonNode value, Serializable literal) {
    if (literal instanceof BigDecimal && value.isNumber()) {
      return value.decimalValue().compareTo((BigDecimal) literal);
    }
    if (literal instanceof String && value.isTextual()) {
      return value.textValue().compareTo((String) literal);
    }
    if (literal instanceof Boolean && value.isBoolean()) {
      return Boolean.compare(value.booleanValue(), (Boolean) literal);
    }
    return null;
  }

  private static String describe(JsonNode value) {
    if (value.isNull()) {
      return "null";
    }
    String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
    return (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
  }

  @Override
  public String toString() {
    return text;
  }

  /** A value's type matches none of the literals. */
  static final class NotComparableException extends Exception {
    private static final long serialVersionUID = 1L;

    NotComparableException(String message) {
      super(message, null, false, false);
    }
  }

  /** An operator or punctuation token; plain strings are words, Quoted are quoted strings. */
  private record Op(String text) {}

  private record Quoted(String text) {}

  private static List<Object> tokenize(String text) {
    List<Object> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int at = 0;
    while (at < text.length()) {
      if (text.substring(at).isBlank()) {
        break;
      }
      if (!m.find(at) || m.start() != at) {
        throw invalid(text, "cannot read it at position " + at + " (an unclosed quote?)");
      }
      if (m.group("op") != null) {
        tokens.add(new Op(m.group("op")));
      } else if (m.group("dq") != null || m.group("sq") != null) {
        tokens.add(new Quoted(m.group("dq") != null ? m.group("dq") : m.group("sq")));
      } else {
        tokens.add(m.group("word"));
      }
      at = m.end();
    }
    return tokens;
  }

  private static Object at(List<Object> tokens, int index) {
    return index < tokens.size() ? tokens.get(index) : null;
  }

  private static String operator(Object token) {
    return token instanceof Op ? ((Op) token).text() : null;
  }

  private static String word(Object token) {
    return token instanceof String ? (String) token : null;
  }

  private static Serializable literal(Object token) {
    if (token instanceof Quoted) {
      return ((Quoted) token).text();
    }
    String word = (String) token;
    if (word.equals("true") || word.equals("false")) {
      return Boolean.valueOf(word);
    }
    try {
      return new BigDecimal(word);
    } catch (NumberFormatException e) {
      return word;
    }
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("Invalid filter predicate \"" + text + "\": " + why);
  }
}
