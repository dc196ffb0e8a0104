# Sourced by the scripts that run the library, from the project's root:
#   find_java WHO          sets JAVA to a JDK 17+ on x86_64 ($JAVA_HOME/bin/java, else java on PATH), or
#                          prints one line saying what to install and exits 1;
#   build_library_jar WHO  builds target/my-mnist.jar and target/lib/ (mvn package) when missing or
#                          older than pom.xml or src/main.
find_java() {
  local who="$1" major arch
  JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  command -v "$JAVA" >/dev/null 2>&1 \
    || { echo "[$who] error: ${JAVA_HOME:+JAVA_HOME=$JAVA_HOME has no bin/java, and }java not found: install a JDK 17 or later (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)${JAVA_HOME:+, or point JAVA_HOME to one}" >&2; exit 1; }
  JAVA="$(command -v "$JAVA")"
  major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [ "${major%%.*}" -ge 17 ] 2>/dev/null \
    || { echo "[$who] error: $JAVA is Java $major; the library needs Java 17 or later (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
  # ND4J 1.0.0-M2.1 has native code for x86_64 only (Linux, macOS, Windows).
  arch="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *os.arch = //p')"
  case "$arch" in
    amd64|x86_64) ;;
    *) echo "[$who] error: $JAVA runs on $arch, and this project needs the x86_64 native code of ND4J 1.0.0-M2.1: use an x86_64 JDK 17+ (on an Apple Silicon Mac, an x86_64 build runs under Rosetta 2) and point JAVA_HOME to it" >&2; exit 1 ;;
  esac
}

build_library_jar() {
  local who="$1"
  if [ ! -f target/my-mnist.jar ] || [ ! -d target/lib ] \
     || [ -n "$(find pom.xml src/main -newer target/my-mnist.jar -print -quit)" ]; then
    command -v mvn >/dev/null 2>&1 \
      || { echo "[$who] error: mvn not found, and target/my-mnist.jar must be built (Debian/Ubuntu: apt-get install maven)" >&2; exit 1; }
    echo "[$who] building target/my-mnist.jar (mvn package -DskipTests)"
    mvn -B -q package -DskipTests
  fi
}
