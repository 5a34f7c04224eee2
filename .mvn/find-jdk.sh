# Sourced by ./run and ./run-tests: points JAVA_HOME at a JDK 21 or newer (Keycloak needs 21+, and the build
# targets 21). Keeps a JAVA_HOME that already qualifies; otherwise takes the newest one under /usr/lib/jvm.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  :
else
  best="" best_major=0
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate" 2>/dev/null || echo 0)
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate best_major=$major; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null && best=$candidate
  fi
  if [ -z "$best" ]; then
    echo "Waybill needs a JDK 21 or newer (none found in JAVA_HOME or /usr/lib/jvm)." >&2
    return 1 2>/dev/null || exit 1
  fi
  export JAVA_HOME=$best
fi
export PATH="$JAVA_HOME/bin:$PATH"
