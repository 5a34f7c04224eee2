# Sourced by ./run, ./run-tests and .ci/run: exports JAVA_HOME (and JAVA_FEATURE) for a JDK 21 or newer, which
# Keycloak needs and the build targets. Keeps a JAVA_HOME that already qualifies, else takes the newest JDK under
# /usr/lib/jvm, else the one `java` on the PATH belongs to. Returns 1, with a message, when there is none.
WAYBILL_MINIMUM_JAVA=21

# The feature version (21, 25...) a JDK declares in its release file; 0 if it declares none.
java_feature() {
  local release="$1/release" version
  [ -r "$release" ] || { echo 0; return; }
  version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")"
  [ "$version" = 1 ] && version=8 # Java 8 and older call themselves 1.x
  echo "${version:-0}"
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_feature "$JAVA_HOME")" -ge "$WAYBILL_MINIMUM_JAVA" ]; then
    echo "$JAVA_HOME"
    return
  fi
  local best="" best_version=0 home version
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] || continue
    version="$(java_feature "$home")"
    if [ "$version" -ge "$WAYBILL_MINIMUM_JAVA" ] && [ "$version" -gt "$best_version" ]; then
      best="$home"
      best_version="$version"
    fi
  done
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    [ "$(java_feature "$home")" -ge "$WAYBILL_MINIMUM_JAVA" ] && best="$home"
  fi
  echo "$best"
}

WAYBILL_JDK="$(find_jdk)"
if [ -z "$WAYBILL_JDK" ]; then
  echo "Waybill needs a JDK $WAYBILL_MINIMUM_JAVA or later (Keycloak 26 does not run on less). None found in JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm or on the PATH. Install one, for example Temurin 21 or openjdk-21-jdk-headless, and point JAVA_HOME at it." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$WAYBILL_JDK"
export JAVA_FEATURE="$(java_feature "$JAVA_HOME")"
export PATH="$JAVA_HOME/bin:$PATH"
