# Finds a JDK 25 or newer and sets STRATA_JAVA_HOME; sourced by ./strata and ./run-tests.
# Order: $JAVA_HOME, then `java` on PATH, then the usual install folders. Returns 1 when none is found.

strata_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

strata_find_jdk() {
  local candidates=() c home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v java)") && candidates+=("${c%/bin/java}")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/java/* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$c" ] && candidates+=("$c")
  done
  STRATA_JDK_SEEN=""
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(strata_java_major "$home/bin/java")
    [ -n "$major" ] || continue
    STRATA_JDK_SEEN="$STRATA_JDK_SEEN $major"
    if [ "$major" -ge 25 ]; then
      STRATA_JAVA_HOME="$home"
      return 0
    fi
  done
  return 1
}
