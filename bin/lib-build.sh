# Sourced by the bin/ scripts: builds with Maven when the sources are newer than the last build,
# so a fresh clone needs nothing but a JDK 17 and Maven. Quiet unless the build fails.

# build_if_stale STAMP MVN_ARGS... — runs `mvn MVN_ARGS` from the repository root when STAMP is
# missing or any pom.xml or source file is newer than it, then touches STAMP.
build_if_stale() {
  local stamp="$1"
  shift
  if [[ -f "$stamp" && -z "$(find "$root" -path '*/target' -prune -o -path '*/.git' -prune -o \
        \( -name pom.xml -o -path '*/src/*' \) -newer "$stamp" -print -quit)" ]]; then
    return 0
  fi
  echo "$(basename "$0"): building (mvn $*) ..." >&2
  local log
  log="$(mktemp)"
  if ! (cd "$root" && mvn -B -q "$@") >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "$(basename "$0"): build failed" >&2
    exit 1
  fi
  rm -f "$log"
  mkdir -p "$(dirname "$stamp")"
  touch "$stamp"
}
