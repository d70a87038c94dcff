package dev.beamkit.pipelines.options;

import java.util.regex.Pattern;

/** Hides passwords in text that is about to be shown: error lines, above all. */
public final class Redaction {
  /** The password of a URI's {@code user:password@}, e.g. in {@code rediss://app:secret@host}. */
  private static final Pattern URI_PASSWORD = Pattern.compile("(\\b[a-z][a-z0-9+.-]*://[^:/@\\s]*:)[^@\\s]+@");

  private Redaction() {}

  /** {@code text} with every URI password replaced by {@code ***}. */
  public static String hidePasswords(String text) {
    return text == null ? null : URI_PASSWORD.matcher(text).replaceAll("$1***@");
  }
}
